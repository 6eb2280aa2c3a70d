import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../src/testing/index.js'

const TOKEN = 'admin-token-for-tests-0123456789'
const AUTH = { authorization: `Bearer ${TOKEN}` }

/** Routes anyone may call: the health check and the dashboard's public files. */
const OPEN = [/^GET \/_standin\/health$/, /^GET \/_standin\/ui(\/.*)?$/]

/**
 * Every control route in the app's own route table, with its parameters filled in, so a route added
 * later is walked too. `ALL` routes and middleware are tried with GET and POST.
 */
function controlRoutes(routes: readonly { method: string; path: string }[]) {
  const seen = new Set<string>()
  for (const route of routes) {
    if (!route.path.startsWith('/_standin')) continue
    const path = route.path.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x')
    const methods = route.method === 'ALL' ? ['GET', 'POST'] : [route.method]
    for (const method of methods) seen.add(`${method} ${path}`)
  }
  return [...seen]
}

describe('the admin token on every control route', () => {
  it('refuses each route of the table without the token, at the root and in a session', async () => {
    const t = await createTestStandin({ scenario: 'default', adminToken: TOKEN })
    const routes = controlRoutes(t.app.routes)
    // The table holds the routes this issue names, so the walk cannot pass by walking nothing.
    for (const expected of [
      'GET /_standin/routes',
      'PUT /_standin/routes',
      'POST /_standin/sessions',
      'GET /_standin/sessions',
      'DELETE /_standin/sessions/x',
      'POST /_standin/clock',
      'POST /_standin/redox/api-keys',
    ])
      expect(routes).toContain(expected)

    const created = await t.request('/_standin/sessions', { method: 'POST', headers: AUTH })
    expect(created.status).toBe(201)
    const { baseUrl } = (await created.json()) as { baseUrl: string }
    const prefix = new URL(baseUrl).pathname
    const admitted: string[] = []
    for (const route of routes) {
      const [method = 'GET', path = ''] = route.split(' ')
      const open = OPEN.some((r) => r.test(route))
      for (const url of [path, `${prefix}${path}`]) {
        const init = { method, ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }) }
        const answer = await t.request(url, init)
        if ((answer.status === 401) === open)
          admitted.push(`${method} ${url} → ${String(answer.status)}`)
      }
    }
    expect(admitted).toEqual([])
  })

  it('lets GET and PUT /_standin/routes through with the token', async () => {
    const t = await createTestStandin({ scenario: 'default', adminToken: TOKEN })
    expect((await t.request('/_standin/routes', { headers: AUTH })).status).toBe(200)
    const put = await t.request('/_standin/routes', {
      method: 'PUT',
      headers: AUTH,
      body: JSON.stringify({ routes: [] }),
    })
    expect(put.status).toBe(200)
  })
})
