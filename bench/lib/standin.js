// @ts-check
/**
 * The standin process under test: the built bin, spawned as users run it, plus a small client
 * for its control plane.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { startServer } from './spawn.js'

export const BIN = fileURLToPath(new URL('../../dist/cli/index.cjs', import.meta.url))
export const BENCH_SCENARIO = fileURLToPath(new URL('../scenarios/bench.yaml', import.meta.url))

/**
 * @param {readonly string[]} [extra]  more arguments (`--config FILE`, ...)
 * @param {{ env?: NodeJS.ProcessEnv, nodeArgs?: readonly string[], cwd?: string }} [options]
 *   `nodeArgs` go to node itself, before the bin (`--cpu-prof`, ...); `cwd`: the folder whose
 *   `fixtures/` is searched first
 */
export function startStandin(extra = [], options = {}) {
  // No access log: a line per request would measure stderr, not standin.
  const args = [
    'start',
    '--port',
    '0',
    '--no-rate-limits',
    '--log',
    'off',
    '--scenario',
    BENCH_SCENARIO,
  ]
  return startServer([...(options.nodeArgs ?? []), BIN, ...args, ...extra], {
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  })
}

/**
 * A JSON call to the control plane (or any route), failing loudly on a non-2xx answer.
 * @param {string} baseUrl
 * @param {string} path
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string> }} [init]
 * @returns {Promise<any>}
 */
export async function callJson(baseUrl, path, init = {}) {
  const response = await fetch(new URL(path, baseUrl), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`)
  return text === '' ? undefined : JSON.parse(text)
}

/**
 * The providers this standin has registered, from `GET /_standin/state`.
 * @param {string} baseUrl
 * @returns {Promise<Set<string>>}
 */
export async function registeredProviders(baseUrl) {
  const state = await callJson(baseUrl, '/_standin/state')
  return new Set(Object.keys(state.providers ?? {}))
}

/**
 * Loads the bench scenario with a `providers.<id>` section for each registered provider that has
 * a file in bench/scenarios/providers/; returns the registered providers.
 * @param {string} baseUrl
 * @returns {Promise<Set<string>>}
 */
export async function loadBenchScenario(baseUrl) {
  const providers = await registeredProviders(baseUrl)
  const base = parseYaml(readFileSync(BENCH_SCENARIO, 'utf8'))
  /** @type {Record<string, unknown>} */
  const sections = {}
  for (const id of providers) {
    const file = fileURLToPath(new URL(`../scenarios/providers/${id}.yaml`, import.meta.url))
    if (existsSync(file)) sections[id] = parseYaml(readFileSync(file, 'utf8'))
  }
  await callJson(baseUrl, '/_standin/scenario', { body: { ...base, providers: sections } })
  return providers
}
