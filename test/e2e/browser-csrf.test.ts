/**
 * A hostile web page in real Chromium against every state-changing control route: cross-site
 * `no-cors` POSTs with text/plain bodies (a CSRF that needs no preflight), cross-site PUT/DELETE,
 * and a DNS-rebinding page (its name resolves to 127.0.0.1, so its calls are same-origin to the
 * browser and carry `Host: rebind.test:<port>`). The state before and after must be identical, and
 * the journal must show each attempt reached standin and was refused by its guard.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'
import { launchBrowser, type Browser } from '../support/browser.js'

let s: StartedStandin
let attacker: Server
let attackerOrigin: string
let browser: Browser

beforeAll(async () => {
  s = await startStandin()
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>attack</title>')
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerOrigin = `http://localhost:${String((attacker.address() as AddressInfo).port)}`
  browser = await launchBrowser({
    args: [
      '--host-resolver-rules=MAP rebind.test 127.0.0.1',
      // The browser's own local-network checks are off, so standin's guard is what is tested.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
    ],
  })
}, 60_000)

afterAll(async () => {
  await browser.close()
  await new Promise((resolve) => attacker.close(resolve))
  await s.close()
})

interface Attempt {
  readonly method: string
  readonly path: string
  readonly body: string
}

/** Everything a control route could change, read through the control plane. */
async function checksum(): Promise<string> {
  const paths = ['/state', '/tokens', '/clock', '/routes', '/scenario', '/overrides', '/sessions']
  const parts = await Promise.all(
    paths.map(async (p) => (await fetch(`${s.url}/_standin${p}`)).text()),
  )
  return parts.join('\n')
}

/** Plausible bodies, so that without the guard each call would change something. */
const BODIES: readonly [RegExp, string][] = [
  [/\/clock$/, '{"advance":86400}'],
  [/\/scenario$/, '{"name":"default","seed":1}'],
  [/\/routes$/, '{"routes":[{"provider":"redcap","mode":"proxy"}]}'],
  [/\/overrides$/, '{"provider":"redcap","respond":{"status":500}}'],
  [/\/token-requests$/, '{"username":"bob"}'],
  [/\/super-tokens$/, '{"username":"bob"}'],
  [/\/app$/, '{"name":"attacker"}'],
  [/\/api-keys$/, '{"name":"attacker"}'],
]

/** Each non-GET control route of the app's table, parameters filled with ids that exist. */
async function attempts(): Promise<Attempt[]> {
  const credential = (await s.control.tokens.list())[0]?.id ?? 'none'
  const session = (await s.control.sessions.create()).id
  const state = await s.control.state()
  const redox = state.providers.redox as { apiKeys: { clientId: string }[] }
  const fill: Record<string, string> = {
    pid: '13',
    username: 'alice',
    slug: 'ec5-river-watch',
    clientId: redox.apiKeys[0]?.clientId ?? 'none',
    kid: 'none',
  }
  const out: Attempt[] = []
  for (const route of s.standin.app.routes) {
    if (!route.path.startsWith('/_standin/') || ['GET', 'ALL'].includes(route.method)) continue
    const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      if (name !== 'id') return fill[name] ?? 'none'
      if (route.path.includes('/tokens/')) return credential
      if (route.path.includes('/sessions/')) return session
      if (route.path.includes('/token-requests/')) return 'req-1'
      return '1'
    })
    const body = BODIES.find(([pattern]) => pattern.test(path))?.[1] ?? '{}'
    out.push({ method: route.method, path, body })
  }
  return out
}

function refusals(): number {
  return s.standin.world.journal.list().filter((e) => e.status === 403 && e.provider === 'standin')
    .length
}

describe('a hostile page in Chromium', () => {
  it('changes nothing through no-cors POSTs or cross-site PUT/DELETE from another origin', async () => {
    const tries = await attempts()
    expect(tries.length).toBeGreaterThan(15)
    const before = await checksum()
    const refusedBefore = refusals()
    const page = await browser.context.newPage()
    await page.goto(`${attackerOrigin}/`)
    const target = s.url
    const sent = await page.evaluate(
      async ({ target, tries }) => {
        let n = 0
        for (const t of tries) {
          const noCors = t.method === 'POST'
          await fetch(`${target}${t.path}`, {
            method: t.method,
            mode: noCors ? 'no-cors' : 'cors',
            body: t.body,
            headers: noCors
              ? { 'content-type': 'text/plain' }
              : { 'content-type': 'application/json' },
          }).catch(() => undefined)
          n++
        }
        return n
      },
      { target, tries },
    )
    await page.close()
    expect(sent).toBe(tries.length)
    expect(await checksum()).toBe(before)
    // Every POST reached standin and was refused there (cross-site PUT/DELETE stop at the preflight,
    // which the guard refuses too).
    expect(refusals() - refusedBefore).toBeGreaterThanOrEqual(tries.length)
  }, 60_000)

  it('changes and reads nothing from a DNS-rebinding page, whose calls are same-origin', async () => {
    const tries = await attempts()
    const before = await checksum()
    const port = new URL(s.url).port
    const rebound = `http://rebind.test:${port}`
    await browser.context.route(`${rebound}/attack`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }),
    )
    const page = await browser.context.newPage()
    await page.goto(`${rebound}/attack`)
    const statuses = await page.evaluate(async (tries) => {
      const out: string[] = []
      for (const t of [...tries, { method: 'GET', path: '/_standin/epicollect/apps', body: '' }]) {
        const response = await fetch(t.path, {
          method: t.method,
          ...(t.method === 'GET' ? {} : { body: t.body }),
          headers: { 'content-type': 'application/json' },
        })
        out.push(`${t.method} ${t.path} ${String(response.status)}`)
      }
      return out
    }, tries)
    await page.close()
    expect(statuses.filter((line) => !line.endsWith(' 403'))).toEqual([])
    expect(statuses.length).toBe(tries.length + 1)
    expect(await checksum()).toBe(before)
  }, 60_000)
})
