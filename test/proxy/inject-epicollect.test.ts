import { afterEach, describe, expect, it } from 'vitest'
import { StandinError } from '../../src/core/errors.js'
import { epicollectInjector } from '../../src/providers/epicollect/proxy/injector.js'
import { injectorKit, textOf, type InjectorKit } from '../support/injector-kit.js'
import { json, startStub, type Stub } from '../support/stub-upstream.js'

const CLIENT_ID = '153'
const SECRET = 'S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr'
const ACCESS_DENIED = {
  errors: [{ code: 'ec5_256', title: 'Access denied.', source: 'middleware' }],
}
const NO_PROJECT = {
  errors: [{ code: 'ec5_11', title: 'Project does not exist.', source: 'middleware' }],
}
const EC5 = 'application/vnd.api+json; charset=utf-8'

let stub: Stub
let kit: InjectorKit
/** The one live token: Epicollect5 kills a client's previous token when it issues a new one. */
let live: string | undefined
let issued = 0

async function setUp(secret = SECRET) {
  live = undefined
  issued = 0
  stub = await startStub((request, res) => {
    if (request.url === '/api/oauth/token') {
      const form = new URLSearchParams(request.body.toString())
      if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== SECRET) {
        json(
          res,
          400,
          {
            errors: [
              { code: 'ec5_253', title: 'Invalid client credentials.', source: 'token issue' },
            ],
          },
          EC5,
        )
        return
      }
      live = `ec5-token-${String(++issued)}-${'x'.repeat(20)}`
      json(res, 200, { token_type: 'Bearer', expires_in: 7200, access_token: live })
      return
    }
    if (request.headers.authorization !== `Bearer ${String(live)}`) {
      json(res, 404, ACCESS_DENIED, EC5)
      return
    }
    if (request.url.includes('unknown-slug')) json(res, 404, NO_PROJECT, EC5)
    else json(res, 200, { data: { entries: [{ title: 'Site 1' }] } }, EC5)
  })
  kit = injectorKit(epicollectInjector, {
    url: stub.url,
    env: { EC5_CLIENT_ID: CLIENT_ID, EC5_CLIENT_SECRET: secret },
    credentials: { clientId: { env: 'EC5_CLIENT_ID' }, clientSecret: { env: 'EC5_CLIENT_SECRET' } },
  })
}

afterEach(async () => {
  kit.close()
  await stub.close()
})

const ENTRIES = '/api/export/entries/ec5-demo?per_page=10'

function tokenRequests(): number {
  return stub.requests.filter((r) => r.url === '/api/oauth/token').length
}

describe('Epicollect5 credential injection', () => {
  it('runs client_credentials itself and sends the token as Bearer', async () => {
    await setUp()
    const response = await kit.send({
      pathAndQuery: ENTRIES,
      headers: new Headers({ authorization: 'Bearer local-standin-token' }),
    })
    expect([response.status, await textOf(response)]).toEqual([
      200,
      '{"data":{"entries":[{"title":"Site 1"}]}}',
    ])
    const [tokenRequest, data] = stub.requests
    expect(tokenRequest?.method).toBe('POST')
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body.toString()))).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: SECRET,
    })
    expect([data?.url, data?.headers.authorization]).toEqual([ENTRIES, `Bearer ${String(live)}`])
  })

  it('fetches one token for many requests, concurrent ones included', async () => {
    await setUp()
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => kit.send({ pathAndQuery: ENTRIES })),
    )
    await kit.send({ pathAndQuery: ENTRIES })
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(tokenRequests()).toBe(1)
  })

  it('fetches a new token shortly before the 2 hours are up', async () => {
    await setUp()
    await kit.send({ pathAndQuery: ENTRIES })
    kit.clock.advance(7200 - 720 - 1)
    await kit.send({ pathAndQuery: ENTRIES })
    expect(tokenRequests()).toBe(1)
    kit.clock.advance(1)
    await kit.send({ pathAndQuery: ENTRIES })
    expect(tokenRequests()).toBe(2)
  })

  it('retries once with a new token when the upstream answers ec5_256', async () => {
    await setUp()
    await kit.send({ pathAndQuery: ENTRIES })
    live = 'superseded-by-someone-else'
    const response = await kit.send({ pathAndQuery: ENTRIES })
    expect(response.status).toBe(200)
    expect(tokenRequests()).toBe(2)
    expect(stub.requests.map((r) => r.url)).toEqual([
      '/api/oauth/token',
      ENTRIES,
      ENTRIES,
      '/api/oauth/token',
      ENTRIES,
    ])
  })

  it('passes a 404 that is not ec5_256 through whole and without a retry', async () => {
    await setUp()
    const response = await kit.send({ pathAndQuery: '/api/export/entries/unknown-slug' })
    expect([response.status, await textOf(response)]).toEqual([404, JSON.stringify(NO_PROJECT)])
    expect(stub.requests.map((r) => r.url)).toEqual([
      '/api/oauth/token',
      '/api/export/entries/unknown-slug',
    ])
  })

  it('answers 502 with the upstream refusal in the journal detail, never the secret', async () => {
    await setUp('wrong-secret-wrong-secret-wrong-secret-00')
    const error = (await kit
      .send({ pathAndQuery: ENTRIES })
      .catch((e: unknown) => e)) as StandinError
    expect([error.code, error.status]).toEqual(['upstream_failed', 502])
    expect(error.detail).toBe(
      `token request to ${stub.url}/api/oauth/token was refused with 400: {"errors":[{"code":"ec5_253","title":"Invalid client credentials.","source":"token issue"}]} (check credentials.epicollect)`,
    )
  })
})
