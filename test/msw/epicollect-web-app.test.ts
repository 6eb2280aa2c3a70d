/**
 * The Epicollect5 web app's public routes through MSW on the real hostname: the same bodies as
 * app.request gives, with links on https://five.epicollect.net, and the private refusal.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createStandinHandlers } from '../../src/msw/index.js'
import { createTestStandin } from '../../src/testing/index.js'

const REAL = 'https://five.epicollect.net'
const TREES = 'ec5-urban-trees'
const LOCATION = '2c5a07d40e0e66910bb774e3c51ca21c_66605a563420a_66605e3d8438c'

const server = setupServer()
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
})
afterEach(() => {
  server.resetHandlers()
})
afterAll(() => {
  server.close()
})

async function both(path: string) {
  const t = await createTestStandin({ scenario: { clock: { start: '2026-01-15T09:00:00Z' } } })
  server.use(...createStandinHandlers({ standin: t.app }))
  const viaMsw = await fetch(`${REAL}${path}`)
  const direct = await t.request(`/epicollect${path}`)
  const text = await viaMsw.text()
  return {
    msw: { status: viaMsw.status, type: viaMsw.headers.get('content-type'), text },
    direct: {
      status: direct.status,
      type: direct.headers.get('content-type'),
      text: (await direct.text()).replaceAll('http://localhost/epicollect', REAL),
    },
  }
}

describe('Epicollect5 web app routes through MSW', () => {
  it.each([
    `/api/entries/${TREES}?per_page=2&page=2`,
    `/api/entries-locations/${TREES}?input_ref=${LOCATION}&per_page=3`,
    `/api/entries-locations/EC5-URBAN-TREES%20?input_ref=${LOCATION}&per_page=3`,
  ])('answer %s as app.request does, linking to the real host', async (path) => {
    const { msw, direct } = await both(path)
    expect(msw.status).toBe(200)
    expect(msw).toEqual(direct)
    const links = (JSON.parse(msw.text) as { links: { self: string; next: string } }).links
    expect(links.self.startsWith(`${REAL}/api/entries`)).toBe(true)
    expect(links.next).toContain('&page=')
  })

  it.each(['/api/entries/ec5-river-watch', '/api/entries-locations/ec5-school-bird-count'])(
    'refuse the private %s with 404 ec5_77',
    async (path) => {
      const { msw, direct } = await both(path)
      expect(msw).toEqual(direct)
      expect(msw.status).toBe(404)
      expect(JSON.parse(msw.text)).toEqual({
        errors: [
          {
            code: 'ec5_77',
            title: 'This project is private. Please log in.',
            source: 'middleware',
          },
        ],
      })
    },
  )
})
