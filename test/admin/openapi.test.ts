import { readFileSync } from 'node:fs'
import { validate, compileErrors } from '@readme/openapi-parser'
import { describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../src/admin/api/operations.js'
import { createTestStandin, startStandin } from '../../src/testing/index.js'
import { runBin } from '../support/cli.js'

/** Static files of the dashboard, not API routes. */
const NOT_API = /^\/_standin\/ui(\/|$)/

async function controlRoutes(): Promise<string[]> {
  const t = await createTestStandin()
  const routes = new Set<string>()
  for (const route of t.app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/_standin/')) continue
    if (NOT_API.test(route.path)) continue
    routes.add(`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
  }
  return [...routes].sort()
}

describe('the OpenAPI document', () => {
  it('is served, validates as OpenAPI 3.1, and matches `standin openapi`', async () => {
    const s = await startStandin()
    try {
      const response = await fetch(`${s.url}/_standin/openapi.json`)
      expect(response.status).toBe(200)
      const document = (await response.json()) as Record<string, unknown>
      expect(document.openapi).toBe('3.1.0')
      const result = await validate(structuredClone(document) as never)
      expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true)
      const run = runBin(['openapi'])
      expect(await run.exit).toBe(0)
      expect(JSON.parse(run.stdout())).toEqual(document)
    } finally {
      await s.close()
    }
  })

  it('has every control route the app serves, and no other', async () => {
    const document = (await (
      await createTestStandin()
    )
      .request('/_standin/openapi.json')
      .then((r) => r.json())) as { paths: Record<string, Record<string, unknown>> }
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    expect(documented).toEqual(await controlRoutes())
  })

  it('describes request bodies and answers from the route schemas', async () => {
    const t = await createTestStandin()
    const document = (await (await t.request('/_standin/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>>
    }
    const find = document.paths['/_standin/requests/find']?.post
    expect(JSON.stringify(find?.requestBody)).toContain('"json"')
    const list = document.paths['/_standin/requests']?.get
    expect(list?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'since', in: 'query' })]),
    )
  })
})

describe('the typed control client', () => {
  it('calls every route of the route table', async () => {
    const source = readFileSync(
      new URL('../../src/testing/control-client.ts', import.meta.url),
      'utf8',
    )
    const called = new Set(
      [...source.matchAll(/(?:call|stream)\(\s*'([A-Z]+ [^']+)'/g)].map((m) => m[1]),
    )
    const missing = Object.keys(OPERATIONS).filter((key) => !called.has(key))
    expect(missing).toEqual([])
    const routes = await controlRoutes()
    expect(routes.map((r) => r.replace(' /_standin', ' ')).filter((r) => !called.has(r))).toEqual(
      [],
    )
  })
})
