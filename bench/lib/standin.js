// @ts-check
/**
 * The standin process under test: the built bin, spawned as users run it, plus a small client
 * for its control plane.
 */
import { fileURLToPath } from 'node:url'
import { startServer } from './spawn.js'

export const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))
export const BENCH_SCENARIO = fileURLToPath(new URL('../scenarios/bench.yaml', import.meta.url))

/**
 * @param {readonly string[]} [extra]  more arguments (`--config FILE`, ...)
 * @param {{ env?: NodeJS.ProcessEnv }} [options]
 */
export function startStandin(extra = [], options = {}) {
  return startServer(
    [BIN, 'start', '--port', '0', '--no-rate-limits', '--scenario', BENCH_SCENARIO, ...extra],
    options,
  )
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
