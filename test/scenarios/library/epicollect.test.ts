import { describe, expect, it } from 'vitest'
import { outcome, serveScenario, type Served } from './support.js'

const RIVER = 'ec5-river-watch'
const APP = { client_id: '153', client_secret: 'RiverWatchSecret0123456789abcdefghijklmn' }
const problem = (code: string, title: string, source: string) => ({
  errors: [{ code, title, source }],
})

async function token(s: Served): Promise<Response> {
  return fetch(`${s.url}/epicollect/api/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', ...APP }),
  })
}

async function accessToken(s: Served): Promise<string> {
  const response = await token(s)
  expect(response.status).toBe(200)
  return ((await response.json()) as { access_token: string }).access_token
}

function entries(s: Served, slug: string, page: number, jwt?: string): Promise<Response> {
  return fetch(`${s.url}/epicollect/api/export/entries/${slug}?per_page=5&page=${String(page)}`, {
    headers: jwt === undefined ? {} : { authorization: `Bearer ${jwt}` },
  })
}

describe('Epicollect5 library scenarios', () => {
  it('epicollect-revoke-mid-export: page 3 gets ec5_256, a new token reads on', async () => {
    const s = await serveScenario('epicollect-revoke-mid-export')
    const jwt = await accessToken(s)
    expect((await entries(s, RIVER, 1, jwt)).status).toBe(200)
    expect((await entries(s, RIVER, 2, jwt)).status).toBe(200)
    expect(await outcome(await entries(s, RIVER, 3, jwt))).toEqual({
      status: 404,
      body: problem('ec5_256', 'Access denied.', 'middleware'),
    })
    expect((await entries(s, RIVER, 3, await accessToken(s))).status).toBe(200)
  })

  it('epicollect-delete-app: the token gets ec5_257 and the old credentials ec5_253', async () => {
    const s = await serveScenario('epicollect-delete-app')
    const jwt = await accessToken(s)
    expect((await entries(s, RIVER, 1, jwt)).status).toBe(200)
    expect((await entries(s, RIVER, 2, jwt)).status).toBe(200)
    expect(await outcome(await entries(s, RIVER, 3, jwt))).toEqual({
      status: 404,
      body: problem('ec5_257', 'Unauthorized client access.', 'middleware'),
    })
    expect(await outcome(await token(s))).toEqual({
      status: 400,
      body: problem('ec5_253', 'Invalid client credentials.', 'token issue'),
    })
  })

  it('epicollect-rate-limit: the sixth export in a minute gets 429 ec5_255 with Retry-After', async () => {
    const s = await serveScenario('epicollect-rate-limit')
    const jwt = await accessToken(s)
    for (let page = 1; page <= 5; page++)
      expect((await entries(s, RIVER, page, jwt)).status).toBe(200)
    const limited = await entries(s, RIVER, 6, jwt)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await outcome(limited)).toEqual({
      status: 429,
      body: problem('ec5_255', 'Too many requests. Try again later.', 'rate-limiter'),
    })
    await s.control('/clock', { advance: 60 })
    expect((await entries(s, RIVER, 6, jwt)).status).toBe(200)
  })

  it('epicollect-public-vs-private: the public project needs no token, the private one does', async () => {
    const s = await serveScenario('epicollect-public-vs-private')
    expect((await entries(s, 'ec5-urban-trees', 1)).status).toBe(200)
    expect((await entries(s, 'ec5-urban-trees', 1, 'not-a-token')).status).toBe(200)
    expect(await outcome(await entries(s, RIVER, 1))).toEqual({
      status: 404,
      body: problem('ec5_256', 'Access denied.', 'middleware'),
    })
    expect((await entries(s, RIVER, 1, await accessToken(s))).status).toBe(200)
  })
})
