// @ts-check
/**
 * `npm run bench:msw`: the per-call cost of standin's MSW path beside a bare MSW handler of the same
 * REDCap call (the floor) and one that returns static JSON to a GET (a reference: what a POST with a
 * body costs MSW itself), measured in the same run. All answer `fetch` calls under one `setupServer`,
 * in interleaved rounds (the handlers are swapped between rounds), so slow moments on a busy
 * machine hit both alike. standin answers a REDCap API call (`content=version`, the default
 * scenario's token) through `createStandinHandlers`; the app's own `fetch`, without MSW, is
 * reported too, to show what MSW itself costs.
 *
 * Options: --rounds N (default 30), --calls N per round (default 500), --json (one JSON line at
 * the end, for `npm run bench`).
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { parseArgs } from 'node:util'
import { createStandinHandlers } from '../dist/msw/index.js'
import { createStandin } from '../dist/node/create.js'
import { median } from './lib/stats.js'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '30' },
    calls: { type: 'string', default: '500' },
    json: { type: 'boolean', default: false },
  },
})
const ROUNDS = Number(values.rounds)
const CALLS = Number(values.calls)

const REDCAP = 'https://redcap.example.edu'
const TOKEN = 'ABCDEF0123456789ABCDEF0123456789'
const body = () => new URLSearchParams({ token: TOKEN, content: 'version', format: 'json' })

const standin = await createStandin({ scenario: 'default' })
const bare = http.get('https://static.test/json', () =>
  HttpResponse.json({ status: 'ok', version: '0.0.0' }),
)
const viaStandin = createStandinHandlers({ standin, redcap: REDCAP })
// The same call answered by a bare handler doing the irreducible work: read the form, check the
// token, answer standin's bytes (captured from it below) with its content type.
const answered = await standin.fetch(
  new Request('http://127.0.0.1/redcap/api/', { method: 'POST', body: body() }),
)
const sameType = answered.headers.get('content-type') ?? 'text/plain'
const sameBytes = await answered.text()
const bareSame = http.post(`${REDCAP}/api/`, async ({ request }) => {
  const form = new URLSearchParams(await request.text())
  if (form.get('token') !== TOKEN) return new HttpResponse('bad token', { status: 403 })
  return new HttpResponse(sameBytes, { headers: { 'content-type': sameType } })
})
const server = setupServer()
server.listen({ onUnhandledRequest: 'error' })

/** @type {Record<string, { handlers: import('msw').RequestHandler[] | null, call: () => Promise<Response> }>} */
const subjects = {
  'bare MSW handler, static JSON': {
    handlers: [bare],
    call: () => fetch('https://static.test/json'),
  },
  'bare MSW handler, same REDCap call': {
    handlers: [bareSame],
    call: () => fetch(`${REDCAP}/api/`, { method: 'POST', body: body() }),
  },
  'standin through MSW (REDCap version)': {
    handlers: viaStandin,
    call: () => fetch(`${REDCAP}/api/`, { method: 'POST', body: body() }),
  },
  "standin's app.fetch, no MSW": {
    handlers: null,
    call: () =>
      Promise.resolve(
        standin.fetch(
          new Request('http://127.0.0.1/redcap/api/', { method: 'POST', body: body() }),
        ),
      ),
  },
}

/** @type {Record<string, number[]>} */
const perCall = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]))
for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, subject] of Object.entries(subjects)) {
    if (subject.handlers) server.resetHandlers(...subject.handlers)
    const started = performance.now()
    for (let i = 0; i < CALLS; i++) {
      const response = await subject.call()
      if (response.status !== 200) throw new Error(`${name} answered ${String(response.status)}`)
      await response.arrayBuffer()
    }
    // Round 0 warms up the JIT and the lazily created parts; it is not counted.
    if (round > 0) perCall[name]?.push(((performance.now() - started) * 1000) / CALLS)
  }
}
server.close()

const floor = median(perCall['bare MSW handler, same REDCap call'] ?? [])
/** @type {Record<string, number>} */
const usPerCall = {}
for (const [name, samples] of Object.entries(perCall)) {
  const us = median(samples)
  usPerCall[name] = us
  process.stdout.write(
    `bench:msw: ${name}: ${us.toFixed(0)} µs per call (median of ${String(samples.length)} rounds of ${String(CALLS)}), ${(us / floor).toFixed(2)}x the bare MSW handler on the same call\n`,
  )
}
if (values.json)
  process.stdout.write(`${JSON.stringify({ rounds: ROUNDS, calls: CALLS, usPerCall })}\n`)
