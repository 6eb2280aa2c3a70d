// @ts-check
/**
 * `npm run soak`: issues and expires 200,000 credentials through the full app (journal, body
 * limit, credential registry) and prints RSS at intervals; exits 1 if memory keeps growing.
 *
 * Each round asks a token route for 1,000 tokens, uses some of them, then moves the virtual clock
 * past their lifetime through the control plane, so dead credentials pile up unless the registry
 * purges them. The token route is a minimal provider of its own (the soak needs a route that
 * issues a credential per request whatever providers are registered); any provider's token route
 * exercises the same registry.
 *
 * Options: --tokens N (default 200000), --every N (print interval, default 20000).
 */
import { parseArgs } from 'node:util'
import { Hono } from 'hono'
import { z } from 'zod'
import { StandinError } from '../dist/core/errors.js'
import { createStandin } from '../dist/node/create.js'

const { values } = parseArgs({
  options: {
    tokens: { type: 'string', default: '200000' },
    every: { type: 'string', default: '20000' },
  },
})
const TOKENS = Number(values.tokens)
const EVERY = Number(values.every)
const ROUND = 1000
const TTL_SECONDS = 300
/**
 * RSS may wobble with the garbage collector, and the first interval includes V8 growing its heap
 * to the working size; growth beyond these after that fails.
 */
const FLAT_RSS_MB = 10
const FLAT_HEAP_MB = 5
/** The soak is bounded in time as well as count. */
const MAX_SECONDS = 300

const SOAK = /** @type {import('../dist/core/glossary.js').ProviderId} */ ('soak')

/** @type {import('../dist/providers/provider.js').Provider<{}, {}>} */
const soakProvider = {
  id: SOAK,
  title: 'Soak',
  mounts: ['/soak'],
  seedSchema: z.object({}).strict(),
  createState: () => ({}),
  routes(ctx) {
    /** @type {Hono<import('../dist/providers/provider.js').StandinEnv>} */
    const app = new Hono()
    app.post('/token', (c) => {
      const secret = ctx.world.random.hex(32)
      ctx.world.credentials.issue({
        provider: SOAK,
        kind: 'access_token',
        subject: 'soak',
        secret,
        ttlSeconds: TTL_SECONDS,
      })
      return c.json({ access_token: secret, expires_in: TTL_SECONDS })
    })
    app.get('/data', (c) => {
      const secret = (c.req.header('authorization') ?? '').replace(/^Bearer /, '')
      const lookup = ctx.world.credentials.lookup(SOAK, secret)
      if (!lookup.found || lookup.status !== 'active')
        throw new StandinError('invalid_credentials', 'no')
      return c.json({ ok: true })
    })
    return app
  },
  renderError: (error, c) => c.json({ error: error.code }, /** @type {400} */ (error.status)),
}

const standin = await createStandin({ providers: [soakProvider], scenario: { providers: {} } })
/** @param {string} path @param {RequestInit} [init] */
const call = (path, init) => standin.fetch(new Request(`http://127.0.0.1${path}`, init))

/** @returns {{ rss: number, heap: number }} */
function memory() {
  const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc
  gc?.()
  const usage = process.memoryUsage()
  return { rss: usage.rss / 2 ** 20, heap: usage.heapUsed / 2 ** 20 }
}

const deadline = performance.now() + MAX_SECONDS * 1000
/** @type {{ rss: number, heap: number }[]} */
const samples = []
let issued = 0
while (issued < TOKENS && performance.now() < deadline) {
  /** @type {string[]} */
  const tokens = []
  for (let i = 0; i < ROUND; i++) {
    const body = /** @type {{ access_token: string }} */ (
      await (await call('/soak/token', { method: 'POST' })).json()
    )
    tokens.push(body.access_token)
  }
  for (const token of tokens.slice(0, 100)) {
    const response = await call('/soak/data', { headers: { authorization: `Bearer ${token}` } })
    if (response.status !== 200)
      throw new Error(`a fresh token was refused: ${String(response.status)}`)
  }
  await call('/_standin/clock', {
    method: 'POST',
    body: JSON.stringify({ advance: TTL_SECONDS + 1 }),
  })
  issued += ROUND
  if (issued % EVERY === 0) {
    const { rss, heap } = memory()
    samples.push({ rss, heap })
    process.stdout.write(
      `soak: ${issued.toLocaleString('en-US').padStart(9)} issued  rss ${rss.toFixed(1).padStart(6)} MB  heap ${heap.toFixed(1).padStart(6)} MB  credentials held ${String(standin.world.credentials.size)}\n`,
    )
  }
}

// The first sample is the warm-up; compare the rest with the second.
const base = samples[1] ?? samples[0]
const last = samples.at(-1)
const flat =
  base !== undefined &&
  last !== undefined &&
  last.rss - base.rss < FLAT_RSS_MB &&
  last.heap - base.heap < FLAT_HEAP_MB
const mb = (/** @type {number | undefined} */ n) => `${(n ?? Number.NaN).toFixed(1)} MB`
process.stdout.write(
  `soak: ${issued.toLocaleString('en-US')} credentials issued and expired; after warm-up RSS ${mb(base?.rss)} → ${mb(last?.rss)}, heap ${mb(base?.heap)} → ${mb(last?.heap)}: ${flat ? 'flat' : 'GROWING'}\n`,
)
process.exitCode = flat && issued >= TOKENS ? 0 : 1
