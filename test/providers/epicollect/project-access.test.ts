import { SignJWT, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  ACCESS_DENIED,
  admin,
  bearer,
  BIRDS,
  BIRDS_APP,
  NO_PROJECT,
  outcome,
  PAGE_NOT_FOUND,
  problem,
  RIVER,
  standin,
  token,
  TREES,
  UNAUTHORIZED_CLIENT,
} from './support.js'

const entries = (slug: string) => `/epicollect/api/export/entries/${slug}?per_page=1`

async function foreignToken(): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256')
  const now = Date.parse('2026-01-15T09:00:00Z') / 1000
  return new SignJWT({
    aud: '153',
    jti: 'f'.repeat(80),
    iat: now,
    nbf: now,
    exp: now + 7200,
    sub: '',
    scopes: [],
  })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256' })
    .sign(privateKey)
}

describe('access to private projects', () => {
  it.each([
    ['no Authorization header', () => Promise.resolve({})],
    ['a malformed token', () => Promise.resolve(bearer('abc.def.ghi'))],
    [
      'a lower-case bearer scheme',
      async (t: Awaited<ReturnType<typeof standin>>) => ({
        headers: { authorization: `bearer ${await token(t)}` },
      }),
    ],
    ['a token signed by another key', async () => bearer(await foreignToken())],
  ])('refuses %s with 404 ec5_256', async (_, init) => {
    const t = await standin()
    const response = await t.request(entries(RIVER), await init(t))
    expect(await outcome(response)).toEqual({ status: 404, body: ACCESS_DENIED })
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
  })

  it('refuses a token once the virtual clock reaches its expiry', async () => {
    const t = await standin()
    const accessToken = await token(t)
    await admin(t, 'POST', '/clock', { advance: 7199 })
    expect((await t.request(entries(RIVER), bearer(accessToken))).status).toBe(200)
    await admin(t, 'POST', '/clock', { advance: 1 })
    expect(await outcome(await t.request(entries(RIVER), bearer(accessToken)))).toEqual({
      status: 404,
      body: ACCESS_DENIED,
    })
    expect(t.journal.list(1)[0]?.why).toBe(
      'token expired at 2026-01-15T11:00:00.000Z (virtual time)',
    )
  })

  it('refuses a token from before the clock was set back', async () => {
    const t = await standin()
    const accessToken = await token(t)
    await admin(t, 'POST', '/clock', { advance: -60 })
    expect((await t.request(entries(RIVER), bearer(accessToken))).status).toBe(404)
  })

  it('refuses a token expired through the control plane', async () => {
    const t = await standin()
    const accessToken = await token(t)
    const [credential] = t.world.credentials.list()
    await admin(t, 'POST', `/tokens/${credential?.id ?? ''}/expire`)
    expect(await outcome(await t.request(entries(RIVER), bearer(accessToken)))).toEqual({
      status: 404,
      body: ACCESS_DENIED,
    })
  })

  it('refuses a token of another project app with 404 ec5_257', async () => {
    const t = await standin()
    const birds = await token(t, BIRDS_APP)
    expect(await outcome(await t.request(entries(RIVER), bearer(birds)))).toEqual({
      status: 404,
      body: UNAUTHORIZED_CLIENT,
    })
    expect(t.journal.list(1)[0]?.why).toBe(`client 154 belongs to "${BIRDS}"`)
  })

  it('refuses the token of a deleted app with 404 ec5_257', async () => {
    const t = await standin()
    const accessToken = await token(t)
    await admin(t, 'DELETE', `/epicollect/projects/${RIVER}/app`)
    expect(await outcome(await t.request(entries(RIVER), bearer(accessToken)))).toEqual({
      status: 404,
      body: UNAUTHORIZED_CLIENT,
    })
  })

  it('records the token used in the journal', async () => {
    const t = await standin()
    const accessToken = await token(t)
    await t.request(entries(RIVER), bearer(accessToken))
    const lookup = t.world.credentials.lookup('epicollect', accessToken)
    expect(t.journal.list(1)[0]?.credentialId).toBe(lookup.found ? lookup.credential.id : 'none')
  })
})

describe('project lookup', () => {
  it.each([
    ['an unknown project', 'ec5-no-such-project', NO_PROJECT],
    ['a trashed project', 'ec5-pilot-2019', NO_PROJECT],
    ['an archived project', 'ec5-archived-demo', NO_PROJECT],
    [
      'a slug empty once slugified',
      '%20---',
      problem('ec5_21', 'Required field is missing.', 'middleware'),
    ],
  ])('answers %s with 404 and the middleware body', async (_, slug, body) => {
    const t = await standin()
    expect(await outcome(await t.request(entries(slug)))).toEqual({ status: 404, body })
  })

  it('finds a project by its slugified slug', async () => {
    const t = await standin()
    expect((await t.request(entries('EC5_Urban_Trees'))).status).toBe(200)
  })

  it('ignores any Authorization header on a public project', async () => {
    const t = await standin()
    const response = await t.request(entries(TREES), bearer('garbage'))
    expect(response.status).toBe(200)
  })

  it.each([
    `/epicollect/api/export/${TREES}`,
    '/epicollect/api/oauth/authorize',
    '/epicollect/oauth/token',
    '/epicollect/something',
  ])('answers %s with 422 ec5_219', async (path) => {
    const t = await standin()
    expect(await outcome(await t.request(path))).toEqual({ status: 422, body: PAGE_NOT_FOUND })
  })
})
