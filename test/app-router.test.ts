/**
 * Every route of the default world fits hono's RegExpRouter, the fastest of the routers its
 * SmartRouter picks from. One route it cannot hold (a fixed segment beside a parameter at the same
 * place, or two parameter names at one place) sends every request of the app through the slower
 * trie router instead, which the bench would only show as a few percent lost.
 */
import { RegExpRouter } from 'hono/router/reg-exp-router'
import { describe, expect, it } from 'vitest'
import { createStandin } from '../src/node/create.js'

describe('the app router', () => {
  it('holds every route of the default world in a RegExpRouter', async () => {
    const { app } = await createStandin()
    expect(app.routes.length).toBeGreaterThan(100)
    const router = new RegExpRouter<number>()
    const refused: string[] = []
    for (const [i, route] of app.routes.entries()) {
      try {
        router.add(route.method, route.path, i)
      } catch {
        refused.push(`${route.method} ${route.path}`)
      }
    }
    expect(refused).toEqual([])
    // The matcher is built on the first match: a conflict between routes shows only then.
    expect(() => router.match('GET', '/redox/fhir/R4/d/Development/metadata')).not.toThrow()
  })

  it('still answers a FHIR server’s metadata without a token', async () => {
    const { fetch } = await createStandin()
    const response = await fetch(
      new Request('http://127.0.0.1/redox/fhir/R4/redox-fhir-sandbox/Development/metadata'),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ resourceType: 'CapabilityStatement' })
  })
})
