import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { runInNewContext } from 'node:vm'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'
import { JSRSASIGN_URL } from '../../../src/providers/redox/admin/postman.js'
import { publicPart } from '../../../src/providers/redox/state/public-keys.js'
import {
  CA_TOKEN_URL,
  DEMO_KID,
  DEMO_PRIVATE_JWK,
  US_CLIENT,
  admin,
  bearer,
  obtainToken,
  options,
  postToken,
  signAssertion,
  tokenForm,
} from './support.js'

const PATIENT_READ =
  '/redox/fhir/R4/redox-fhir-sandbox/Development/Patient/1a19f273-536c-42a8-a477-cc8a69c13a7e'

async function json(response: Response | Promise<Response>) {
  const r = await response
  return { status: r.status, body: (await r.json()) as Record<string, unknown> }
}

async function tokenStatus(t: TestStandin, clientId: string, key: JWK, mount = '/redox') {
  const aud = mount === '/redox' ? undefined : CA_TOKEN_URL
  const assertion = await signAssertion({ clientId, key, ...(aud ? { aud } : {}) })
  return (await postToken(t, tokenForm(assertion), mount)).status
}

describe('Redox API keys on the control plane', () => {
  it('generates an RS384 key pair like the dashboard and returns the private JWK once', async () => {
    const t = await createTestStandin(options)
    const { status, body } = await json(admin(t, '/redox/api-keys', { name: 'Generated' }))
    const privateJwk = body.privateJwk as JWK & { kid: string; n: string }
    expect(status).toBe(201)
    expect(body).toEqual({
      clientId: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ) as string,
      name: 'Generated',
      region: 'us',
      environment: 'Development',
      kid: privateJwk.kid,
      privateJwk: {
        kty: 'RSA',
        kid: privateJwk.kid,
        use: 'sig',
        alg: 'RS384',
        ...Object.fromEntries(
          ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => [m, expect.any(String)]),
        ),
      },
      postman: expect.any(Object) as unknown,
    })
    expect(Buffer.from(privateJwk.n, 'base64url').length * 8).toBe(2048)
    expect(privateJwk.kid).toBe(
      await calculateJwkThumbprint({ kty: 'RSA', n: privateJwk.n, e: privateJwk.e ?? '' }),
    )
    expect(await tokenStatus(t, body.clientId as string, privateJwk)).toBe(200)
    const environment = (
      body.postman as { environment: { values: { key: string; value: string }[] } }
    ).environment
    expect(environment.values.find((v) => v.key === 'privateKey')?.value).toBe(
      JSON.stringify(privateJwk),
    )
    const listed = await json(t.request(`/_standin/redox/api-keys/${String(body.clientId)}`))
    expect(JSON.stringify(listed.body)).not.toContain(privateJwk.d)
  })

  it('puts a Canada key on the Canada host only', async () => {
    const t = await createTestStandin(options)
    const { body } = await json(
      admin(t, '/redox/api-keys', { name: 'CA', region: 'ca', clientId: 'ca-2' }),
    )
    const key = body.privateJwk as JWK
    expect(await tokenStatus(t, 'ca-2', key, '/redox-ca')).toBe(200)
    expect(await tokenStatus(t, 'ca-2', key, '/redox')).toBe(400)
  })

  it.each([
    ['a JWKS', (jwk: JWK) => ({ keys: [jwk] })],
    ['a list of JWKs', (jwk: JWK) => [jwk]],
    ['one JWK', (jwk: JWK) => jwk],
  ])('takes pasted public keys as %s', async (_, shape) => {
    const t = await createTestStandin(options)
    const publicJwk = publicPart(DEMO_PRIVATE_JWK)
    const created = await json(
      admin(t, '/redox/api-keys', { name: 'Pasted', clientId: 'pasted', jwks: shape(publicJwk) }),
    )
    expect(created).toEqual({
      status: 201,
      body: {
        clientId: 'pasted',
        name: 'Pasted',
        region: 'us',
        environment: 'Development',
        kid: DEMO_KID,
      },
    })
    expect(await tokenStatus(t, 'pasted', DEMO_PRIVATE_JWK)).toBe(200)
  })

  it.each([
    [
      'a private JWK',
      { name: 'x', jwks: DEMO_PRIVATE_JWK },
      400,
      'invalid_request',
      /jwks\[0\]: is a private key/,
    ],
    [
      'a JWK without kid',
      { name: 'x', jwks: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] },
      400,
      'invalid_request',
      /jwks\[0\]\.kid: is required/,
    ],
    ['a region that does not exist', { name: 'x', region: 'eu' }, 400, 'invalid_request', /region/],
    [
      'a taken client ID',
      { name: 'x', clientId: US_CLIENT },
      409,
      'conflict',
      /client ID "us-client-0001" is taken/,
    ],
  ])('refuses %s', async (_, payload, status, code, message) => {
    const t = await createTestStandin(options)
    const { status: got, body } = await json(admin(t, '/redox/api-keys', payload))
    expect({ status: got, code: (body.error as { code: string }).code }).toEqual({ status, code })
    expect((body.error as { message: string }).message).toMatch(message)
  })

  it('lists keys without secrets and deletes one, revoking its live tokens', async () => {
    const t = await createTestStandin(options)
    const token = await obtainToken(t)
    const listed = await json(t.request('/_standin/redox/api-keys'))
    expect((listed.body.apiKeys as unknown[])[0]).toEqual({
      clientId: US_CLIENT,
      name: 'US app',
      region: 'us',
      environment: 'Development',
      algorithms: ['RS384', 'ES384'],
      kids: [DEMO_KID],
      jwksUrl: null,
    })
    expect(await json(admin(t, `/redox/api-keys/${US_CLIENT}`, undefined, 'DELETE'))).toEqual({
      status: 200,
      body: { clientId: US_CLIENT, deleted: true, revokedTokens: 1 },
    })
    expect((await t.request(PATIENT_READ, bearer(token))).status).toBe(401)
    expect(await tokenStatus(t, US_CLIENT, DEMO_PRIVATE_JWK)).toBe(400)
    expect(await json(admin(t, `/redox/api-keys/${US_CLIENT}`, undefined, 'DELETE'))).toEqual({
      status: 404,
      body: {
        error: { code: 'not_found', message: 'No Redox API key has client ID "us-client-0001".' },
      },
    })
  })

  it('rotates keys without a restart: add a new one, then remove the old', async () => {
    const t = await createTestStandin(options)
    const added = await json(admin(t, `/redox/api-keys/${US_CLIENT}/keys`, {}))
    const fresh = added.body.privateJwk as JWK & { kid: string }
    expect(added).toEqual({ status: 201, body: { kid: fresh.kid, privateJwk: fresh } })
    expect(await tokenStatus(t, US_CLIENT, DEMO_PRIVATE_JWK)).toBe(200)
    expect(await tokenStatus(t, US_CLIENT, fresh)).toBe(200)
    expect(
      (await admin(t, `/redox/api-keys/${US_CLIENT}/keys/${DEMO_KID}`, undefined, 'DELETE')).status,
    ).toBe(200)
    expect(await tokenStatus(t, US_CLIENT, DEMO_PRIVATE_JWK)).toBe(400)
    expect(await tokenStatus(t, US_CLIENT, fresh)).toBe(200)
  })
})

interface PostmanEnvironment {
  values: { key: string; value: string; type: string }[]
}
interface PostmanItem {
  name: string
  event?: { listen: string; script: { exec: string[] } }[]
  request: { method: string; url: string; body?: { urlencoded?: { key: string; value: string }[] } }
}

describe('the Postman export', () => {
  it('offers an environment without the private key, with the kid and this host', async () => {
    const t = await createTestStandin(options)
    const { status, body } = await json(t.request(`/_standin/redox/api-keys/${US_CLIENT}/postman`))
    expect(status).toBe(200)
    const values = Object.fromEntries(
      (body.environment as PostmanEnvironment).values.map((v) => [v.key, v.value]),
    )
    expect(values).toEqual({
      baseUrl: 'http://localhost/redox',
      authUrl: 'http://localhost/redox/v2/auth/token',
      clientId: US_CLIENT,
      kid: DEMO_KID,
      privateKey: '',
      destination: 'redox-fhir-sandbox',
      environment: 'Development',
      patientId: expect.any(String) as string,
      clientAssertion: '',
      accessToken: '',
    })
  })

  it('signs an assertion in its pre-request script that standin accepts', async () => {
    const t = await createTestStandin(options)
    const { body } = await json(t.request(`/_standin/redox/api-keys/${US_CLIENT}/postman`))
    const environment = new Map(
      (body.environment as PostmanEnvironment).values.map((v) => [v.key, v.value]),
    )
    environment.set('privateKey', JSON.stringify(DEMO_PRIVATE_JWK))
    const [auth, search] = (body.collection as { item: PostmanItem[] }).item
    const variables = new Map<string, string>()
    const requested: string[] = []
    const jsrsasign = readFileSync(
      createRequire(import.meta.url).resolve('jsrsasign/lib/jsrsasign-all-min.js'),
      'utf8',
    )
    const pm = {
      environment: {
        get: (k: string) => environment.get(k),
        set: (k: string, v: string) => environment.set(k, v),
      },
      collectionVariables: {
        get: (k: string) => variables.get(k),
        set: (k: string, v: string) => variables.set(k, v),
      },
      sendRequest: (url: string, done: (error: null, response: { text(): string }) => void) => {
        requested.push(url)
        done(null, { text: () => jsrsasign })
      },
      response: undefined as unknown,
    }
    const run = (item: PostmanItem | undefined, listen: string): unknown =>
      runInNewContext(item?.event?.find((e) => e.listen === listen)?.script.exec.join('\n') ?? '', {
        pm,
        Date,
        Math,
        JSON,
      })

    run(auth, 'prerequest')
    run(auth, 'prerequest') // the second run uses the cached library
    expect(requested).toEqual([JSRSASIGN_URL])
    const form = new URLSearchParams(
      (auth?.request.body?.urlencoded ?? []).map(({ key, value }) => [
        key,
        value.replace('{{clientAssertion}}', environment.get('clientAssertion') ?? ''),
      ]),
    )
    const tokenResponse = await postToken(t, form)
    expect(tokenResponse.status).toBe(200)
    const tokenBody = (await tokenResponse.json()) as unknown
    pm.response = { json: () => tokenBody }
    run(auth, 'test')
    expect(environment.get('accessToken')).toBe(
      (tokenBody as { access_token: string }).access_token,
    )
    expect(search?.request.url).toBe(
      '{{baseUrl}}/fhir/R4/{{destination}}/{{environment}}/Patient/_search',
    )
  })

  it('leaves kid empty for a key served from a JWKS URL', async () => {
    const t = await createTestStandin(options)
    await admin(t, '/redox/api-keys', {
      name: 'Remote',
      clientId: 'remote',
      jwksUrl: 'http://127.0.0.1:9/jwks.json',
    })
    const { body } = await json(t.request('/_standin/redox/api-keys/remote/postman'))
    expect(
      (body.environment as PostmanEnvironment).values.find((v) => v.key === 'kid')?.value,
    ).toBe('')
  })
})
