/**
 * Reading scenario files: YAML or JSON, parsed once at the edge, every problem reported at once
 * as `file: dotted.path: message`. File access goes through an injected reader.
 */
import { providers as shippedProviders, SHIPPED_PROVIDER_IDS } from '../providers/index.js'
import type { AnyProvider } from '../providers/provider.js'
import { parseDataText, ScenarioError, type DataTextOptions } from '../core/data-text.js'
import { toProblems } from '../core/issues.js'
import { buildScenarioSchema, type Scenario, type ScenarioSchema } from './schema.js'
import { PARSE_ONCE } from '../core/parse-once.js'
import { aheadPair, type ParsedAhead } from '../core/parsed-ahead.js'
import { parsedAhead } from './parsed-ahead.js'

const schemas = new WeakMap<readonly AnyProvider[], ScenarioSchema>()
const eventlessSchemas = new WeakMap<readonly AnyProvider[], ScenarioSchema>()

export function scenarioSchemaFor(
  providers: readonly AnyProvider[],
  withEvents = true,
): ScenarioSchema {
  const cache = withEvents ? schemas : eventlessSchemas
  let schema = cache.get(providers)
  if (!schema) {
    schema = buildScenarioSchema(providers, withEvents)
    cache.set(providers, schema)
  }
  return schema
}

export function parseScenario(
  data: unknown,
  file: string,
  providers: readonly AnyProvider[],
): Scenario {
  const input = withoutAbsentProviders(data ?? {}, providers)
  // Most scenarios script no events; theirs is checked without every action's schema built.
  const withEvents = !isRecord(input) || input.events !== undefined
  const result = scenarioSchemaFor(providers, withEvents).safeParse(input, PARSE_ONCE)
  if (!result.success) throw new ScenarioError(file, toProblems(result.error))
  return result.data
}

/**
 * A standin given its own `providers` list (a test with a sample provider) still loads the shipped
 * scenarios: sections of shipped providers it does not run are set aside. Any other unknown
 * section stays a problem, so a misspelt provider is still reported.
 */
function withoutAbsentProviders(data: unknown, providers: readonly AnyProvider[]): unknown {
  if (!isRecord(data) || !isRecord(data.providers)) return data
  const running = new Set<string>(providers.map((p) => p.id))
  const shipped = new Set<string>(SHIPPED_PROVIDER_IDS)
  const sections = Object.entries(data.providers).filter(
    ([id]) => running.has(id) || !shipped.has(id),
  )
  return { ...data, providers: Object.fromEntries(sections) }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * What a scenario may be called over the control plane: a plain name of the library, never a path.
 * Files load only from the command line or from code.
 */
export function isScenarioName(name: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/.test(name)
}

/** Where scenario files come from: the Node edge reads `scenarios/` and paths; tests use memory. */
export interface ScenarioSource {
  /** Resolves a name (`default`) or a path to its file name and text. Throws when there is none. */
  read(ref: string): { readonly file: string; readonly text: string }
  /**
   * A library entry by name only (`isScenarioName`), never a path: what the control plane may load.
   * Throws the same way for every name it lacks, so it tells nothing about other files.
   */
  readNamed(name: string): { readonly file: string; readonly text: string }
  /** Names of the scenarios in the library, for `standin scenarios` and the dashboard. */
  names(): string[]
}

export function loadScenario(
  ref: string,
  source: ScenarioSource,
  providers: readonly AnyProvider[],
  options: DataTextOptions & { readonly namedOnly?: boolean } = {},
): Scenario {
  const { file, text } = options.namedOnly === true ? source.readNamed(ref) : source.read(ref)
  return (
    parsedAhead(text, file, providers) ??
    parseScenario(parseDataText(text, file, options), file, providers)
  )
}

/**
 * The `scenarios` table of src/core/parsed-ahead.ts: each YAML file that
 * parses and checks against the shipped providers, with its scenario. A file with an alias is
 * left out, since a lower `yamlMaxAliasCount` could refuse it; so is one whose scenario JSON
 * would not give back exactly.
 */
export function parseAhead(files: readonly { file: string; text: string }[]): ParsedAhead {
  const out: (readonly [string, string])[] = []
  for (const { file, text } of files) {
    if (file.endsWith('.json')) continue
    let scenario: Scenario
    try {
      const data = parseDataText(text, file, { maxAliasCount: 0 })
      scenario = parseScenario(data, file, shippedProviders)
    } catch {
      continue
    }
    out.push(...aheadPair(text, scenario))
  }
  return out
}
