import { generateKeyPair, exportJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTestStandin, type TestStandin } from '../../../src/testing/index.js'
import { TOKEN_ERROR_URI } from '../../../src/providers/redox/errors.js'
import {
  CA_CLIENT,
  CA_TOKEN_URL,
  DEMO_KID,
  US_CLIENT,
  US_TOKEN_URL,
  options,
  postToken,
  redoxScenario,
  signAssertion,
  tokenForm,
} from './support.js'

const PUBLIC_KEY_NOT_FOUND =
  'Public key not found, check client_id, kid and Redox dashboard settings'

function oauthError(description: string, error = 'invalid_request') {
  return { error, error_description: description, error_uri: TOKEN_ERROR_URI }
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as unknown }
}

function lastWhy(t: TestStandin) {
  return t.journal.list(1)[0]?.why
}

const otherKey = await exportJWK((await generateKeyPair('RS384', { extractable: true })).privateKey)

describe('the token endpoint', () => {
  it('issues a 5-minute Bearer token for a valid assertion, with no refresh token', async () => {
    const t = await createTestStandin(options)
    const response = await postToken(t, tokenForm(await signAssertion()))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9]{28}$/) as string,
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'fhir:development',
    })
    const [token] = t.world.credentials.list()
    expect(token).toMatchObject({
      provider: 'redox',
      kind: 'access_token',
      subject: US_CLIENT,
      issuedAt: '2026-01-15T09:00:00.000Z',
      expiresAt: '2026-01-15T09:05:00.000Z',
      attributes: { region: 'us', clientId: US_CLIENT, environment: 'Development', kid: DEMO_KID },
    })
    expect(t.journal.list(1)[0]).toMatchObject({
      status: 200,
      outcome: 'ok',
      credentialId: token?.id,
    })
  })

  it('accepts the real token URL as aud, and the Canada host its own URLs', async () => {
    const t = await createTestStandin(options)
    const us = await signAssertion({ aud: 'https://api.redoxengine.com/v2/auth/token' })
    expect((await postToken(t, tokenForm(us))).status).toBe(200)
    for (const aud of [CA_TOKEN_URL, 'https://api.ca.redoxengine.com/v2/auth/token']) {
      const ca = await signAssertion({ clientId: CA_CLIENT, aud })
      expect((await postToken(t, tokenForm(ca), '/redox-ca')).status).toBe(200)
    }
  })

  it('matches the form media type and ignores its parameters', async () => {
    const t = await createTestStandin(options)
    const form = tokenForm(await signAssertion())
    expect(
      (await postToken(t, form, '/redox', 'Application/X-WWW-Form-Urlencoded; charset=utf-8'))
        .status,
    ).toBe(200)
  })

  it('checks client-stamped times against real time, not the virtual clock', async () => {
    const t = await createTestStandin(options)
    t.clock.advance(86_400)
    expect((await postToken(t, tokenForm(await signAssertion()))).status).toBe(200)
  })

  it('accepts an assertion 290 s old, with exp, nbf and a typ header', async () => {
    const t = await createTestStandin(options)
    const now = Math.floor(Date.now() / 1000)
    const assertion = await signAssertion({
      iatOffset: -290,
      claims: { exp: now + 60, nbf: now - 290 },
      header: { typ: 'JWT' },
    })
    expect((await postToken(t, tokenForm(assertion, { client_id: US_CLIENT }))).status).toBe(200)
  })

  const now = () => Math.floor(Date.now() / 1000)
  const rejections: [
    string,
    () => Promise<[URLSearchParams | string, string?, string?]>,
    string,
    RegExp,
  ][] = [
    [
      'a missing grant_type',
      async () => [withoutField(tokenForm(await signAssertion()), 'grant_type')],
      'Missing grant_type parameter',
      /Missing grant_type/,
    ],
    [
      'another grant_type',
      async () => [tokenForm(await signAssertion(), { grant_type: 'password' })],
      "The grant_type parameter should equal 'client_credentials'",
      /got "password"/,
    ],
    [
      'a missing assertion type',
      async () => [withoutField(tokenForm(await signAssertion()), 'client_assertion_type')],
      'Missing client assertion type',
      /Missing client assertion type/,
    ],
    [
      'a wrong assertion type',
      async () => [
        tokenForm(await signAssertion(), {
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
        }),
      ],
      'Invalid client assertion type',
      /saml2-bearer/,
    ],
    [
      'a missing assertion',
      () => Promise.resolve([withoutField(tokenForm(''), 'client_assertion')]),
      'Missing client assertion',
      /Missing client assertion/,
    ],
    [
      'a JSON body',
      async () => [
        JSON.stringify(Object.fromEntries(tokenForm(await signAssertion()))),
        '/redox',
        'application/json',
      ],
      'x-www-form-urlencoded content-type required',
      /content type is application\/json/,
    ],
    [
      'an assertion that is not a JWT',
      () => Promise.resolve([tokenForm('not.a.jwt')]),
      '',
      /not a signed JWT/,
    ],
    [
      'a header without kid',
      async () => [tokenForm(await signAssertion({ header: { kid: undefined } }))],
      'JWT header kid property is required',
      /no kid/,
    ],
    [
      'a bad signature',
      async () => [tokenForm(await signAssertion({ key: { ...otherKey, kid: DEMO_KID } }))],
      '',
      /signature does not verify/,
    ],
    [
      'an unknown iss',
      async () => [tokenForm(await signAssertion({ clientId: 'nobody' }))],
      PUBLIC_KEY_NOT_FOUND,
      /no API key has client ID nobody/,
    ],
    [
      'an unknown kid',
      async () => [tokenForm(await signAssertion({ header: { kid: 'rotated-away' } }))],
      PUBLIC_KEY_NOT_FOUND,
      /no key with kid rotated-away/,
    ],
    [
      'alg RS256',
      async () => [tokenForm(await signAssertion({ alg: 'RS256' }))],
      '',
      /alg RS256 is not allowed/,
    ],
    [
      'a wrong aud',
      async () => [
        tokenForm(await signAssertion({ aud: 'https://api.redoxengine.com/oauth/token' })),
      ],
      '',
      /is not this host's token URL/,
    ],
    [
      'the US aud on the Canada host',
      async () => [
        tokenForm(await signAssertion({ clientId: CA_CLIENT, aud: US_TOKEN_URL })),
        '/redox-ca',
      ],
      '',
      /is the US token URL, this is the Canada host/,
    ],
    [
      'the Canada aud on the US host',
      async () => [
        tokenForm(await signAssertion({ aud: 'https://api.ca.redoxengine.com/v2/auth/token' })),
      ],
      '',
      /is the Canada token URL, this is the US host/,
    ],
    [
      'a US key on the Canada host',
      async () => [tokenForm(await signAssertion({ aud: CA_TOKEN_URL })), '/redox-ca'],
      PUBLIC_KEY_NOT_FOUND,
      /belongs to the US host/,
    ],
    [
      'an iat older than 5 minutes and 10 s',
      async () => [tokenForm(await signAssertion({ iatOffset: -311 }))],
      '',
      /iat .* is not within the 5 minutes/,
    ],
    [
      'an iat in the future',
      async () => [tokenForm(await signAssertion({ iatOffset: 30 }))],
      '',
      /iat .* is not within the 5 minutes/,
    ],
    [
      'a past exp',
      async () => [tokenForm(await signAssertion({ claims: { exp: now() - 11 } }))],
      '',
      /exp .* is past/,
    ],
    [
      'a sub that is not the client ID',
      async () => [tokenForm(await signAssertion({ claims: { sub: 'someone-else' } }))],
      '',
      /sub "someone-else" is not the client ID/,
    ],
    [
      'a missing iat',
      async () => [tokenForm(await signAssertion({ claims: { iat: undefined } }))],
      'Unexpected "iat" claim value',
      /missing required "iat"/,
    ],
    [
      'a missing jti',
      async () => [tokenForm(await signAssertion({ claims: { jti: undefined } }))],
      'Unexpected "jti" claim value',
      /missing required "jti"/,
    ],
    [
      'a client_id that is not the iss',
      async () => [tokenForm(await signAssertion(), { client_id: CA_CLIENT })],
      '',
      /client_id .* is not the assertion's iss/,
    ],
  ]

  it.each(rejections)(
    'refuses %s with Redox’s body and journals why',
    async (_, build, description, why) => {
      const t = await createTestStandin(options)
      const [body, mount, type] = await build()
      expect(await answer(await postToken(t, body, mount, type))).toEqual({
        status: 400,
        body: oauthError(description),
      })
      expect(lastWhy(t)).toMatch(why)
    },
  )

  it('refuses a replayed jti while the assertion could still be valid', async () => {
    const t = await createTestStandin(options)
    const form = tokenForm(await signAssertion())
    expect((await postToken(t, form)).status).toBe(200)
    expect(await answer(await postToken(t, form))).toEqual({ status: 400, body: oauthError('') })
    expect(lastWhy(t)).toMatch(/jti .* was already used by us-client-0001/)
  })

  it('accepts a replayed jti when the scenario switches the check off', async () => {
    const t = await createTestStandin({ scenario: redoxScenario({ rejectReplayedJti: false }) })
    const form = tokenForm(await signAssertion())
    expect((await postToken(t, form)).status).toBe(200)
    expect((await postToken(t, form)).status).toBe(200)
  })

  it('answers assertion failures 401 invalid_client when the scenario says so', async () => {
    const t = await createTestStandin({
      scenario: redoxScenario({ assertionErrors: 'invalid_client' }),
    })
    const form = tokenForm(await signAssertion({ clientId: 'nobody' }))
    expect(await answer(await postToken(t, form))).toEqual({
      status: 401,
      body: oauthError(PUBLIC_KEY_NOT_FOUND, 'invalid_client'),
    })
    expect((await postToken(t, withoutField(form, 'grant_type'))).status).toBe(400)
  })

  it('puts the reason on the wire with verboseErrors', async () => {
    const t = await createTestStandin({ scenario: redoxScenario({ verboseErrors: true }) })
    const form = tokenForm(await signAssertion({ alg: 'RS256' }))
    expect(await answer(await postToken(t, form))).toEqual({
      status: 400,
      body: oauthError('alg RS256 is not allowed for this API key (allowed: RS384, ES384)'),
    })
  })

  it('accepts RS256 for a key that allows it', async () => {
    const pair = await generateKeyPair('RS256', { extractable: true })
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'rs256-key' }
    const privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'rs256-key' }
    const scenario = redoxScenario({
      apiKeys: [{ clientId: US_CLIENT, publicKeys: [publicJwk], algorithms: ['RS256'] }],
    })
    const t = await createTestStandin({ scenario })
    const rs256 = await signAssertion({ alg: 'RS256', key: privateJwk })
    expect((await postToken(t, tokenForm(rs256))).status).toBe(200)
    const rs384 = await signAssertion({ alg: 'RS384', key: privateJwk })
    expect(await answer(await postToken(t, tokenForm(rs384)))).toEqual({
      status: 400,
      body: oauthError(''),
    })
  })

  it('accepts ES384 from a P-384 key by default', async () => {
    const pair = await generateKeyPair('ES384', { extractable: true })
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'ec-key' }
    const privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'ec-key' }
    const t = await createTestStandin({
      scenario: redoxScenario({ apiKeys: [{ clientId: US_CLIENT, publicKeys: [publicJwk] }] }),
    })
    const es384 = await signAssertion({ alg: 'ES384', key: privateJwk })
    expect((await postToken(t, tokenForm(es384))).status).toBe(200)
  })

  it('treats a client as running ahead when the scenario skews the client clock', async () => {
    const t = await createTestStandin({
      scenario: { ...redoxScenario(), clientClockSkewSeconds: 120 },
    })
    const onRealTime = await signAssertion()
    expect((await postToken(t, tokenForm(onRealTime))).status).toBe(400)
    expect(lastWhy(t)).toMatch(/iat .* is not within the 5 minutes/)
    const behind = await signAssertion({ iatOffset: -120 })
    expect((await postToken(t, tokenForm(behind))).status).toBe(200)
  })
})

function withoutField(form: URLSearchParams, name: string): URLSearchParams {
  const copy = new URLSearchParams(form)
  copy.delete(name)
  return copy
}
