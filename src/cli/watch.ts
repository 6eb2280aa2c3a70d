/**
 * `standin start --watch`: reloads the scenario file and fixtures when they change, without a
 * restart. The clock is kept unless the scenario sets one; what changed is logged. A file that no
 * longer loads keeps the previous world and prints each problem as `file: dotted.path: message`.
 */
import { existsSync, realpathSync, watch, type FSWatcher } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative } from 'node:path'
import type { FsScenarioSource } from '../node/fs-scenario-source.js'
import { changedSections } from '../scenarios/diff.js'
import { formatProblems } from '../core/issues.js'
import { ScenarioError } from '../core/data-text.js'
import { loadScenario } from '../scenarios/load.js'
import type { Scenario } from '../scenarios/schema.js'
import type { World } from '../world.js'
import type { LogLine } from './log.js'

export interface WatchOptions {
  readonly world: World
  /** The scenario as given to `--scenario`: a path or a name in `scenarios/`. */
  readonly scenario: string
  readonly source: FsScenarioSource
  readonly fixtureRoots: readonly string[]
  readonly log: LogLine
  /** Editors write a file in several steps; changes closer together than this are one reload. */
  readonly settleMs?: number
}

export interface Watcher {
  close(): void
}

export function watchFiles(options: WatchOptions): Watcher {
  const { world, source, log } = options
  const scenarioFile = source.resolve(options.scenario)
  if (scenarioFile === undefined)
    throw new Error(`Failed to watch "${options.scenario}": no such scenario.`)
  const pending = new Set<string>()
  const watchers: FSWatcher[] = []
  let timer: NodeJS.Timeout | undefined
  let reloading = Promise.resolve()

  const changed = (file: string) => {
    pending.add(file)
    clearTimeout(timer)
    timer = setTimeout(() => {
      const files = [...pending]
      pending.clear()
      reloading = reloading.then(() => reload(files))
    }, options.settleMs ?? 100)
  }

  const reload = async (files: readonly string[]) => {
    const what = files.map(display).join(', ')
    const scenarioChanged = files.includes(scenarioFile)
    try {
      const scenario = scenarioChanged
        ? loadScenario(scenarioFile, source, world.providers)
        : world.scenario
      const sections = changedSections(world.scenario, scenario)
      if (scenarioChanged && sections.length === 0 && files.length === 1) {
        log(`${what} changed: nothing to reload`)
        return
      }
      await world.load(scenario, { keepClock: true })
      log(`${what} changed: reloaded ${describe(scenario, sections, world)}`)
    } catch (error) {
      log(`Failed to reload after ${what} changed; still serving the previous world:`)
      const lines =
        error instanceof ScenarioError
          ? formatProblems(display(error.file), error.problems)
          : error instanceof Error
            ? error.message
            : String(error)
      for (const line of lines.split('\n')) log(line)
    }
  }

  watchers.push(
    watch(dirname(scenarioFile), (_event, name) => {
      if (name === basename(scenarioFile)) changed(scenarioFile)
    }),
  )
  const roots = watchedRoots(options.fixtureRoots)
  for (const root of roots) {
    watchers.push(
      watch(root, { recursive: true }, (_event, name) => {
        if (name !== null) changed(join(root, name))
      }),
    )
  }
  log(
    `watching ${list([display(scenarioFile), ...roots.map((r) => `${display(r)}/`)])} for changes`,
  )
  return {
    close() {
      clearTimeout(timer)
      for (const watcher of watchers) watcher.close()
    },
  }
}

function describe(scenario: Scenario, sections: readonly string[], world: World): string {
  const name = scenario.name === undefined ? 'the scenario' : `scenario "${scenario.name}"`
  const clock = `${scenario.clock === undefined ? 'clock kept at' : 'clock set to'} ${world.clock.now().toISOString()}`
  return `${name} (${sections.length === 0 ? '' : `changed: ${sections.join(', ')}; `}${clock})`
}

/**
 * The fixture roots that exist, each once: run from standin's own folder, or through a symlinked
 * install, the user's `fixtures/` and the shipped one are the same directory, which would be
 * watched (and logged) twice.
 */
function watchedRoots(roots: readonly string[]): string[] {
  return [...new Set(roots.filter((root) => existsSync(root)).map((root) => realpathSync(root)))]
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
}

/** Paths inside the working directory read better relative to it. */
function display(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel
}
