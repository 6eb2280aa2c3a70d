/**
 * Shared pieces of the Redox tests: the published demo key pair, a scenario with one key per host,
 * and a signer that builds assertions the way Redox's own Node sample does (jose, RS384, `kid`).
 */
import { readFileSync } from 'node:fs'
import { SignJWT, importJWK, type JWK, type JWTPayload } from 'jose'
import type { TestStandin } from '../../../src/testing/index.js'

export const DEMO_PRIVATE_JWK = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/redox/keys/demo-private.jwk.json', import.meta.url),
    'utf8',
  ),
) as JWK & { kid: string }
export const DEMO_KID = DEMO_PRIVATE_JWK.kid

export const US_CLIENT = 'us-client-0001'
export const CA_CLIENT = 'ca-client-0001'
export const LEGACY_KEY = 'legacy-key-0001'
export const LEGACY_SECRET = 'legacy-secret-0001'
export const START = '2026-01-15T09:00:00.000Z'

export const US_TOKEN_URL = 'http://localhost/redox/v2/auth/token'
export const CA_TOKEN_URL = 'http://localhost/redox-ca/v2/auth/token'
export const FHIR = '/redox/fhir/R4/redox-fhir-sandbox/Development'
export const PATIENT_ID = '1a19f273-536c-42a8-a477-cc8a69c13a7e'

export function redoxScenario(redox: Record<string, unknown> = {}) {
  return {
    name: 'redox-test',
    clock: { start: START },
    providers: {
      redox: {
        apiKeys: [
          {
            clientId: US_CLIENT,
            name: 'US app',
            publicKeys: [{ fixture: 'redox/keys/demo-public.jwk.json' }],
          },
          {
            clientId: CA_CLIENT,
            name: 'CA app',
            region: 'ca',
            publicKeys: [{ fixture: 'redox/keys/demo-public.jwk.json' }],
          },
        ],
        legacyKeys: [{ apiKey: LEGACY_KEY, secret: LEGACY_SECRET }],
        ...redox,
      },
    },
  }
}

export const options = { scenario: redoxScenario() }

let counter = 0

export interface AssertionOptions {
  readonly clientId?: string
  readonly aud?: string | string[]
  readonly alg?: string
  readonly key?: JWK
  readonly header?: Record<string, unknown>
  /** Claims merged over the defaults; `undefined` removes one. */
  readonly claims?: Record<string, unknown>
  /** Seconds added to real time for iat (negative: in the past). */
  readonly iatOffset?: number
}

/** An assertion as Redox's sample signs it: `{alg: RS384, kid}`, iss = sub = client ID, aud, iat, jti. */
export async function signAssertion(o: AssertionOptions = {}): Promise<string> {
  const clientId = o.clientId ?? US_CLIENT
  const alg = o.alg ?? 'RS384'
  const key = await importJWK({ ...(o.key ?? DEMO_PRIVATE_JWK), alg }, alg)
  const iat = Math.floor(Date.now() / 1000) + (o.iatOffset ?? 0)
  const claims: JWTPayload = {
    iss: clientId,
    sub: clientId,
    aud: o.aud ?? US_TOKEN_URL,
    iat,
    jti: `jti-${String(++counter)}-${String(iat)}`,
  }
  for (const [name, value] of Object.entries(o.claims ?? {})) {
    if (value === undefined) Reflect.deleteProperty(claims, name)
    else claims[name] = value
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid: (o.key ?? DEMO_PRIVATE_JWK).kid, ...o.header } as {
      alg: string
    })
    .sign(key)
}

export function tokenForm(assertion: string, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    ...extra,
  })
}

export function postToken(
  t: TestStandin,
  body: URLSearchParams | string,
  mount = '/redox',
  contentType?: string,
) {
  return t.request(`${mount}/v2/auth/token`, {
    method: 'POST',
    body: body.toString(),
    headers: { 'content-type': contentType ?? 'application/x-www-form-urlencoded;charset=UTF-8' },
  })
}

/** A fresh token for the US (default) or Canada key. */
export async function obtainToken(t: TestStandin, region: 'us' | 'ca' = 'us'): Promise<string> {
  const mount = region === 'us' ? '/redox' : '/redox-ca'
  // The token URL as this transport reaches it (`http://localhost/...`, or the real host under MSW).
  const aud = t.url(`${mount}/v2/auth/token`)
  const assertion = await signAssertion(region === 'us' ? { aud } : { clientId: CA_CLIENT, aud })
  const response = await postToken(t, tokenForm(assertion), mount)
  const body = (await response.json()) as { access_token?: string }
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`)
  return body.access_token
}

export function bearer(token: string, init: RequestInit = {}): RequestInit {
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  }
}

export async function admin(t: TestStandin, path: string, body?: unknown, method = 'POST') {
  return t.request(
    `/_standin${path}`,
    body === undefined && method === 'POST'
      ? {}
      : {
          method,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          headers: { 'content-type': 'application/json' },
        },
  )
}
