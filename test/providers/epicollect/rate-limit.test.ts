import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../../src/testing/index.js'
import {
  admin,
  bearer,
  outcome,
  RIVER,
  RIVER_APP,
  scenario,
  standin,
  token,
  TOO_MANY,
  tokenForm,
  TREES,
} from './support.js'

const limits = (overrides: Record<string, number>) => ({ rateLimits: overrides })
const headers = (response: Response, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, response.headers.get(name)]))
const LIMIT_HEADERS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'retry-after',
  'x-ratelimit-reset',
]
const START_SECONDS = Date.parse('2026-01-15T09:00:00Z') / 1000

describe('per-project rate limits', () => {
  it('counts export requests per project slug and answers 429 ec5_255 with Retry-After', async () => {
    const t = await standin(limits({ entriesPerMinute: 2 }))
    const first = await t.request(`/epicollect/api/export/entries/${TREES}`)
    const second = await t.request(`/epicollect/api/export/entries/${TREES}`)
    const third = await t.request(`/epicollect/api/export/entries/${TREES}`)
    expect(headers(first, LIMIT_HEADERS)).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
      'retry-after': null,
      'x-ratelimit-reset': null,
    })
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(await outcome(third)).toEqual({ status: 429, body: TOO_MANY })
    expect(headers(third, LIMIT_HEADERS)).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'retry-after': '60',
      'x-ratelimit-reset': String(START_SECONDS + 60),
    })
  })

  it('counts requests before the project and token checks', async () => {
    const t = await standin(limits({ entriesPerMinute: 2, projectPerMinute: 1 }))
    expect((await t.request(`/epicollect/api/export/entries/${RIVER}`)).status).toBe(404)
    expect(
      (await t.request(`/epicollect/api/export/entries/${RIVER}`, bearer('junk'))).status,
    ).toBe(404)
    const refused = await t.request(
      `/epicollect/api/export/entries/${RIVER}`,
      bearer(await token(t)),
    )
    expect(await outcome(refused)).toEqual({ status: 429, body: TOO_MANY })
    expect((await t.request('/epicollect/api/export/project/ec5-nope')).status).toBe(404)
    expect((await t.request('/epicollect/api/export/project/ec5-nope')).status).toBe(429)
  })

  it('opens a new window once the virtual clock passes the old one', async () => {
    const t = await standin(limits({ projectPerMinute: 1 }))
    expect((await t.request(`/epicollect/api/export/project/${TREES}`)).status).toBe(200)
    await admin(t, 'POST', '/clock', { advance: 30 })
    const refused = await t.request(`/epicollect/api/export/project/${TREES}`)
    expect(refused.headers.get('retry-after')).toBe('30')
    await admin(t, 'POST', '/clock', { advance: 30 })
    expect((await t.request(`/epicollect/api/export/project/${TREES}`)).status).toBe(200)
  })

  it('keeps separate windows for entries, project and media', async () => {
    const t = await standin(limits({ entriesPerMinute: 1, projectPerMinute: 1, mediaPerMinute: 1 }))
    expect((await t.request(`/epicollect/api/export/entries/${TREES}`)).status).toBe(200)
    expect((await t.request(`/epicollect/api/export/project/${TREES}`)).status).toBe(200)
    const media = await t.request(
      `/epicollect/api/export/media/${TREES}?type=photo&format=entry_original&name=x.jpg`,
    )
    expect(media.status).toBe(200)
    expect((await t.request(`/epicollect/api/export/entries/ec5-urban-trees`)).status).toBe(429)
  })

  it("shares one api-external-global window across the web app's routes, per IP", async () => {
    const t = await standin(limits({ globalPerMinute: 2 }))
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } })
    const location = '2c5a07d40e0e66910bb774e3c51ca21c_66605a563420a_66605e3d8438c'
    const first = await t.request(`/epicollect/api/entries/${TREES}`, from('203.0.113.7'))
    const second = await t.request(
      `/epicollect/api/entries-locations/${TREES}?input_ref=${location}`,
      from('203.0.113.7'),
    )
    expect([first.status, second.status]).toEqual([200, 200])
    const third = await t.request(`/epicollect/api/entries/${TREES}`, from('203.0.113.7'))
    expect(await outcome(third)).toEqual({ status: 429, body: TOO_MANY })
    const other = await t.request(`/epicollect/api/project/${TREES}`, from('198.51.100.2'))
    expect(other.status).toBe(200)
  })

  it('gives Google Apps Script user agents a stricter entries limit', async () => {
    const t = await standin(limits({ entriesGoogleAppsScriptPerMinute: 1 }))
    const script = {
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver)' },
    }
    expect((await t.request(`/epicollect/api/export/entries/${TREES}`, script)).status).toBe(200)
    expect((await t.request(`/epicollect/api/export/entries/${TREES}`, script)).status).toBe(429)
    expect((await t.request(`/epicollect/api/export/entries/${TREES}`)).status).toBe(200)
  })
})

describe('token endpoint rate limit', () => {
  it('allows 10 token requests per hour per IP, and a refused one kills no token', async () => {
    const t = await standin()
    const live = await token(t)
    for (let i = 0; i < 9; i++)
      await t.request('/epicollect/api/oauth/token', {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password' }),
      })
    const refused = await t.request(
      '/epicollect/api/oauth/token',
      tokenForm(RIVER_APP.clientId, RIVER_APP.secret),
    )
    expect(await outcome(refused)).toEqual({ status: 429, body: TOO_MANY })
    expect(refused.headers.get('retry-after')).toBe('3600')
    expect(
      (await t.request(`/epicollect/api/export/entries/${RIVER}?per_page=1`, bearer(live))).status,
    ).toBe(200)
    const elsewhere = await t.request('/epicollect/api/oauth/token', {
      ...tokenForm(RIVER_APP.clientId, RIVER_APP.secret),
      headers: { 'x-forwarded-for': '203.0.113.9' },
    })
    expect(elsewhere.status).toBe(200)
  })

  it.each([
    ['the scenario', () => standin({ rateLimits: false })],
    ['the config', () => createTestStandin({ ...scenario(), config: { rateLimits: false } })],
  ])('switches every limit off from %s', async (_, make) => {
    const t = await make()
    for (let i = 0; i < 12; i++) {
      const response = await t.request(
        '/epicollect/api/oauth/token',
        tokenForm(RIVER_APP.clientId, RIVER_APP.secret),
      )
      expect(response.status).toBe(200)
      expect(response.headers.get('x-ratelimit-limit')).toBeNull()
    }
  })
})
