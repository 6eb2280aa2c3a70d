/**
 * `standin validate FILE...`: every problem of every file in one run, each as
 * `file:line:column: dotted.path: message`. Syntax errors are all listed; then the schema's
 * problems (scenario or config file) all at once; then, for a scenario that passes its schema, what
 * only building it shows (a missing fixture, a broken reference), each provider's section built on
 * its own so one provider's problem does not hide another's.
 */
import { readFileSync } from 'node:fs'
import { isConfigFile } from '../config/load.js'
import { StandinConfigSchema, defaultConfig } from '../config/schema.js'
import { PARSE_ONCE } from '../core/parse-once.js'
import { createStandin } from '../node/create.js'
import { isFile } from '../node/is-file.js'
import { providers } from '../providers/index.js'
import { toProblems, type Problem } from '../core/issues.js'
import { ScenarioError } from '../core/data-text.js'
import { parseScenario } from '../scenarios/load.js'
import { readLocated, type Position } from '../scenarios/positions.js'
import type { Scenario } from '../scenarios/schema.js'

/** Prints every problem of every file; 1 if any, else 0. */
export async function validateFiles(files: readonly string[]): Promise<number> {
  for (const file of files) {
    if (!isFile(file)) throw new Error(`Failed to validate "${file}": no such file.`)
  }
  let failed = false
  for (const file of files) {
    const lines = await problemLines(file)
    if (lines.length === 0) process.stdout.write(`${file}: ok\n`)
    else {
      failed = true
      process.stdout.write(`${lines.join('\n')}\n`)
    }
  }
  return failed ? 1 : 0
}

async function problemLines(file: string): Promise<string[]> {
  const located = readLocated(readFileSync(file, 'utf8'), file)
  if (located.syntax.length > 0)
    return located.syntax.map(
      (p) => `${file}:${String(p.line)}:${String(p.column)}: (syntax): ${p.message}`,
    )
  const problems = isConfigFile(file)
    ? configProblems(located.data)
    : await scenarioProblems(located.data, file)
  // In file order, as an editor lists them.
  return problems
    .map((problem) => ({ problem, position: located.locate(problem.at ?? []) }))
    .sort((a, b) => order(a.position) - order(b.position))
    .map(({ problem, position }) => {
      const where = position ? `${file}:${String(position.line)}:${String(position.column)}` : file
      return `${where}: ${problem.path}: ${problem.message}`
    })
}

function order(position: Position | undefined): number {
  return position ? position.line * 1e6 + position.column : 0
}

function configProblems(data: unknown): Problem[] {
  const result = StandinConfigSchema.safeParse(data ?? {}, PARSE_ONCE)
  return result.success ? [] : toProblems(result.error)
}

async function scenarioProblems(data: unknown, file: string): Promise<Problem[]> {
  let scenario: Scenario
  try {
    scenario = parseScenario(data, file, providers)
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.problems]
    throw error
  }
  const problems: Problem[] = []
  for (const [id, section] of Object.entries(scenario.providers)) {
    const alone = { ...scenario, providers: { [id]: section }, events: undefined }
    const problem = await buildProblem(alone, ['providers', id])
    if (problem) problems.push(problem)
  }
  if (problems.length > 0) return problems
  // Every section builds alone; the whole world adds what ties them together (scripted events).
  const whole = await buildProblem(scenario, [])
  return whole ? [whole] : []
}

async function buildProblem(
  scenario: Scenario,
  at: readonly PropertyKey[],
): Promise<Problem | undefined> {
  try {
    await createStandin({ scenario: { ...scenario }, config: defaultConfig() })
    return undefined
  } catch (error) {
    // A provider's own scenario error carries the sentence; its header names the file again.
    const message =
      error instanceof ScenarioError
        ? error.problems.map((p) => p.message).join('; ')
        : error instanceof Error
          ? error.message
          : String(error)
    return { path: at.length === 0 ? '(world)' : at.map(String).join('.'), message, at }
  }
}
