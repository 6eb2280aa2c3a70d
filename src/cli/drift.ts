/**
 * `standin drift`: the recordings in a folder replayed against a fresh simulation of a scenario,
 * the report on stdout; exit 1 when any difference is not a known deviation, so CI can run it
 * after the recordings are refreshed.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderReport } from '../drift/render.js'
import { runDrift } from '../drift/run.js'
import { createStandin } from '../node/create.js'
import { FsFixtureStore } from '../node/fs-fixture-store.js'
import type { DriftOptions } from './args.js'

export async function driftCommand(options: DriftOptions): Promise<number> {
  const folder = resolve(options.recordings)
  if (!existsSync(folder)) throw new Error(`No recordings folder at ${options.recordings}.`)
  const simulation = await createStandin({ scenario: options.scenario })
  const report = await runDrift({
    recordings: new FsFixtureStore([folder]),
    folder: '',
    simulation,
    scenario: options.scenario,
  })
  process.stdout.write(renderReport(report, options.format))
  return report.unexplained > 0 ? 1 : 0
}
