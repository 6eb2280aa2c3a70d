// @ts-check
/**
 * One load run with autocannon, used programmatically: a fixed number of connections for a fixed
 * time (and never more than a fixed number of requests), against 127.0.0.1 only.
 */
import autocannon from 'autocannon'

/**
 * @typedef {object} LoadRequest
 * @property {string} [method]
 * @property {string} path
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {readonly string[]} [paths]  more paths, sent in turn after `path` by each connection
 */

/**
 * @typedef {object} LoadResult
 * @property {number} rps        completed requests per second
 * @property {number} p50        latency in ms
 * @property {number} p99        latency in ms
 * @property {number} total      completed requests
 * @property {number} errors     connection errors and timeouts
 * @property {Record<string, number>} statuses  count per status code
 */

/**
 * @typedef {object} LoadOptions
 * @property {number} connections
 * @property {number} seconds    how long to run; with `amount`, the most it may take
 * @property {number} [amount]   run this many requests instead of running for `seconds`
 */

/**
 * @param {string} baseUrl
 * @param {LoadRequest} request
 * @param {LoadOptions} options
 * @returns {Promise<LoadResult>}
 */
export async function runLoad(baseUrl, request, options) {
  const url = new URL(request.path, baseUrl)
  if (url.hostname !== '127.0.0.1')
    throw new Error(`The bench only targets 127.0.0.1, not ${url.hostname}.`)
  /** @type {autocannon.Options} */
  const opts = {
    url: url.origin,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [url.pathname + url.search, ...(request.paths ?? [])].map((path) => ({
      method: /** @type {autocannon.Request['method']} */ (request.method ?? 'GET'),
      path,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
    })),
  }
  if (options.amount !== undefined) opts.amount = options.amount
  /** @type {autocannon.Result} */
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(opts, (error, done) => {
      clearTimeout(guard)
      if (error) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(done)
    })
    // A hard stop: an amount the server cannot reach in time ends anyway.
    const guard = setTimeout(
      () => {
        instance.stop()
      },
      options.seconds * 1000 + 5000,
    )
  })
  /** @type {Record<string, number>} */
  const statuses = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statuses[code] = stat.count ?? 0
  return {
    rps: result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors,
    statuses,
  }
}

/**
 * @typedef {LoadResult & { cpuRps: number | undefined, userUs?: number, systemUs?: number }} MeteredResult
 *   `cpuRps`: requests per CPU-second of the server process. It depends far less than `rps` on
 *   what else the machine is doing, so it is the fairer comparison on a shared or small machine.
 *   `userUs`, `systemUs`: the server's CPU time per request in its own code and in the kernel.
 */

/**
 * A load run that also reads the server process's CPU time before and after.
 * @param {{ url: string, cpuMs: () => number | undefined, cpuSplit?: () => import('./spawn.js').CpuSplit | undefined }} server
 * @param {LoadRequest} request
 * @param {LoadOptions} options
 * @returns {Promise<MeteredResult>}
 */
export async function runMetered(server, request, options) {
  const before = server.cpuMs()
  const splitBefore = server.cpuSplit?.()
  const result = await runLoad(server.url, request, options)
  const after = server.cpuMs()
  const splitAfter = server.cpuSplit?.()
  const cpuMs = before === undefined || after === undefined ? undefined : after - before
  const perRequest = (/** @type {number} */ ms) => (ms * 1000) / result.total
  return {
    ...result,
    cpuRps: cpuMs ? result.total / (cpuMs / 1000) : undefined,
    ...(splitBefore && splitAfter && result.total > 0
      ? {
          userUs: perRequest(splitAfter.userMs - splitBefore.userMs),
          systemUs: perRequest(splitAfter.systemMs - splitBefore.systemMs),
        }
      : {}),
  }
}
