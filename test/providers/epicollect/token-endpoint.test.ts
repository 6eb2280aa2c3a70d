import { compactVerify, decodeProtectedHeader, importSPKI } from 'jose'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ACCESS_DENIED,
  BAD_CLIENT,
  BAD_GRANT,
  bearer,
  BIRDS_APP,
  NO_TOKEN,
  outcome,
  RIVER,
  RIVER_APP,
  METHOD_NOT_ALLOWED,
  standin,
  token,
  tokenForm,
} from './support.js'

const TOKEN = '/epicollect/api/oauth/token'
const ENTRIES = `/epicollect/api/export/entries/${RIVER}?per_page=1`
const GOOD = {
  grant_type: 'client_credentials',
  client_id: RIVER_APP.clientId,
  client_secret: RIVER_APP.secret,
}

function multipart(fields: Record<string, string>): RequestInit {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return { method: 'POST', body: form }
}

const json = (type: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type },
  body: JSON.stringify(body),
})

const basic = (user: string | number, password: string, body: string): RequestInit => ({
  method: 'POST',
  headers: {
    authorization: `Basic ${btoa(`${String(user)}:${password}`)}`,
    'content-type': 'application/x-www-form-urlencoded',
  },
  body,
})

describe('POST /api/oauth/token', () => {
  it.each([
    ['a urlencoded form', tokenForm(RIVER_APP.clientId, RIVER_APP.secret)],
    ['application/vnd.api+json', json('application/vnd.api+json', GOOD)],
    ['application/json', json('application/json', GOOD)],
    [
      'JSON with the client id as a string',
      json('application/json', { ...GOOD, client_id: '153' }),
    ],
    ['multipart/form-data', multipart({ ...GOOD, client_id: '153' })],
    [
      'HTTP Basic client authentication',
      basic(153, RIVER_APP.secret, 'grant_type=client_credentials'),
    ],
  ])('issues a Bearer token for %s', async (_, init) => {
    const t = await standin()
    const response = await t.request(TOKEN, init)
    const body = (await response.json()) as Record<string, unknown>
    expect(response.status).toBe(200)
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'access_token'])
    expect(body.token_type).toBe('Bearer')
    expect(body.expires_in).toBe(7200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('pragma')).toBe('no-cache')
    expect((await t.request(ENTRIES, bearer(String(body.access_token)))).status).toBe(200)
  })

  it('signs an RS256 JWT with the league claim set from the virtual clock', async () => {
    const t = await standin()
    const accessToken = await token(t)
    const publicKey = await importSPKI(
      readFileSync('fixtures/epicollect/oauth-public.key', 'utf8'),
      'RS256',
    )
    const { payload } = await compactVerify(accessToken, publicKey)
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>
    const now = Date.parse('2026-01-15T09:00:00Z') / 1000
    expect(decodeProtectedHeader(accessToken)).toEqual({ typ: 'JWT', alg: 'RS256' })
    expect(Object.keys(claims)).toEqual(['aud', 'jti', 'iat', 'nbf', 'exp', 'sub', 'scopes'])
    expect(claims).toEqual({
      aud: '153',
      jti: expect.stringMatching(/^[0-9a-f]{80}$/),
      iat: now,
      nbf: now,
      exp: now + 7200,
      sub: '',
      scopes: [],
    })
  })

  it('registers each token in the credential registry', async () => {
    const t = await standin()
    const accessToken = await token(t)
    const lookup = t.world.credentials.lookup('epicollect', accessToken)
    expect(lookup.found && lookup.credential).toMatchObject({
      kind: 'access_token',
      subject: '153',
      expiresAt: '2026-01-15T11:00:00.000Z',
      attributes: { clientId: '153', project: RIVER },
    })
  })

  it('kills the first token when the client asks for a second', async () => {
    const t = await standin()
    const first = await token(t)
    const second = await token(t)
    expect(await outcome(await t.request(ENTRIES, bearer(first)))).toEqual({
      status: 404,
      body: ACCESS_DENIED,
    })
    expect((await t.request(ENTRIES, bearer(second))).status).toBe(200)
  })

  it.each([
    ['a wrong secret', tokenForm(153, 'x'.repeat(40))],
    ['a missing grant type', { method: 'POST', body: new URLSearchParams({ client_id: '153' }) }],
    ['a JSON body naming the client', json('application/json', { client_id: 153 })],
  ])('kills the live token even on a failed request with %s', async (_, init) => {
    const t = await standin()
    const live = await token(t)
    expect((await t.request(TOKEN, init)).status).toBe(400)
    expect((await t.request(ENTRIES, bearer(live))).status).toBe(404)
  })

  it('leaves the live token alone when the client id comes only from HTTP Basic', async () => {
    const t = await standin()
    const live = await token(t)
    const second = await t.request(
      TOKEN,
      basic(153, RIVER_APP.secret, 'grant_type=client_credentials'),
    )
    expect(second.status).toBe(200)
    expect((await t.request(ENTRIES, bearer(live))).status).toBe(200)
  })

  it('leaves other clients tokens alone', async () => {
    const t = await standin()
    const birds = await token(t, BIRDS_APP)
    await token(t)
    const response = await t.request(
      '/epicollect/api/export/entries/ec5-school-bird-count',
      bearer(birds),
    )
    expect(response.status).toBe(200)
  })

  it.each([
    ['no grant type', { client_id: '153', client_secret: RIVER_APP.secret }, BAD_GRANT],
    ['the password grant', { ...GOOD, client_id: '153', grant_type: 'password' }, BAD_GRANT],
    ['an unknown client', { ...GOOD, client_id: '999' }, BAD_CLIENT],
    ['a wrong secret', { ...GOOD, client_id: '153', client_secret: 'nope' }, BAD_CLIENT],
    ['a missing secret', { grant_type: 'client_credentials', client_id: '153' }, BAD_CLIENT],
    ['a missing client id', { grant_type: 'client_credentials', client_secret: 'x' }, NO_TOKEN],
    ['an undefined scope', { ...GOOD, client_id: '153', scope: 'read' }, NO_TOKEN],
    [
      'an authorization_code grant',
      { ...GOOD, client_id: '153', grant_type: 'authorization_code' },
      NO_TOKEN,
    ],
  ])('answers %s with 400 and the ec5 body', async (_, fields, body) => {
    const t = await standin()
    const response = await t.request(TOKEN, { method: 'POST', body: new URLSearchParams(fields) })
    expect(await outcome(response)).toEqual({ status: 400, body })
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
  })

  it.each([
    [
      'a JSON body sent as text/plain',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(GOOD) },
      BAD_GRANT,
    ],
    ['a JSON list', json('application/json', [GOOD]), BAD_GRANT],
    [
      'malformed JSON',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' },
      BAD_GRANT,
    ],
    ['a numeric secret', json('application/json', { ...GOOD, client_secret: 5 }), NO_TOKEN],
    [
      'a client id list',
      {
        method: 'POST',
        body: new URLSearchParams([
          ['grant_type', 'client_credentials'],
          ['client_id[]', '153'],
          ['client_secret', RIVER_APP.secret],
        ]),
      },
      NO_TOKEN,
    ],
  ])('reads %s as the server does', async (_, init, body) => {
    const t = await standin()
    expect(await outcome(await t.request(TOKEN, init as RequestInit))).toEqual({
      status: 400,
      body,
    })
  })

  it('ignores credentials in the query string', async () => {
    const t = await standin()
    const query = new URLSearchParams({ ...GOOD, client_id: '153' })
    const response = await t.request(`${TOKEN}?${query.toString()}`, { method: 'POST' })
    expect(await outcome(response)).toEqual({ status: 400, body: BAD_GRANT })
  })

  it('answers GET with 422 ec5_219 (method not allowed)', async () => {
    const t = await standin()
    expect(await outcome(await t.request(TOKEN))).toEqual({ status: 422, body: METHOD_NOT_ALLOWED })
  })

  it('refuses a token for a deleted app with ec5_253', async () => {
    const t = await standin()
    await t.request(`/_standin/epicollect/projects/${RIVER}/app`, { method: 'DELETE' })
    const response = await t.request(TOKEN, tokenForm(RIVER_APP.clientId, RIVER_APP.secret))
    expect(await outcome(response)).toEqual({ status: 400, body: BAD_CLIENT })
  })
})
