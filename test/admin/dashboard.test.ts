import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createStandinCore } from '../../src/standin.js'
import { createTestStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'

const options = { providers: [echoProvider], scenario: { providers: { echo: {} } } }
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

describe('dashboard files', () => {
  it('redirects /_standin/ui to ui/ with a relative Location, so a prefix survives', async () => {
    const t = await createTestStandin(options)
    const response = await t.request('/_standin/ui')
    expect(response.status).toBe(301)
    expect(response.headers.get('location')).toBe('ui/')
  })

  it('serves the page at /_standin/ui/ under a policy that runs only its own files', async () => {
    const t = await createTestStandin(options)
    const response = await t.request('/_standin/ui/')
    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    })
    const html = await response.text()
    expect(html).toContain('<script type="module" src="app.js"></script>')
    expect(html).toContain('<link rel="stylesheet" href="styles.css" />')
  })

  it.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['format.js', 'text/javascript; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
    ['index.html', 'text/html; charset=utf-8'],
  ])('serves %s as %s', async (name, type) => {
    const t = await createTestStandin(options)
    const response = await t.request(`/_standin/ui/${name}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
  })

  it('imports only files that it serves', async () => {
    const t = await createTestStandin(options)
    const dir = fileURLToPath(new URL('../../src/admin/dashboard/', import.meta.url))
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
      const source = await (await t.request(`/_standin/ui/${name}`)).text()
      for (const [, imported] of source.matchAll(/from '\.\/([\w-]+\.js)'/g)) {
        expect((await t.request(`/_standin/ui/${imported}`)).status, `${name} → ${imported}`).toBe(
          200,
        )
      }
    }
  })

  it.each(['/_standin/ui/nope.js', '/_standin/ui/nested/app.js', '/_standin/ui/..%2Fpackage.json'])(
    'answers %s with 404 in the control envelope',
    async (path) => {
      const t = await createTestStandin(options)
      const response = await t.request(path)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({
        error: {
          code: 'not_found',
          message: `No dashboard file at ${new URL(path, 'http://x').pathname}.`,
        },
      })
    },
  )

  it('serves its files without the admin token, while every call it makes needs one', async () => {
    const t = await createTestStandin({ ...options, adminToken: 'a-qa-admin-token-1234' })
    expect((await t.request('/_standin/ui/')).status).toBe(200)
    expect((await t.request('/_standin/ui/app.js')).status).toBe(200)
    expect((await t.request('/_standin/clock')).status).toBe(401)
    expect((await t.request('/_standin/events')).status).toBe(401)
    const allowed = await t.request('/_standin/clock', {
      headers: { 'standin-admin-token': 'a-qa-admin-token-1234' },
    })
    expect(allowed.status).toBe(200)
  })

  it('says where the dashboard lives when an in-process standin has no files', async () => {
    const { app } = await createStandinCore(options)
    const response = await app.request('/_standin/ui/')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      error: {
        code: 'not_found',
        message:
          'This standin has no dashboard files: the dashboard is served by `standin start` and by createStandin from "standin".',
      },
    })
  })
})
