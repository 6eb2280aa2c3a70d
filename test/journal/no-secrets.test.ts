/**
 * Every kind of secret standin knows, used the way clients send it, then searched for in every
 * journal entry (previews included) and every event: none may appear.
 */
import { expect, it } from 'vitest'
import { signRedoxAssertion } from '../../src/testing/index.js'
import { ALICE_CLASSIC, ALICE_SUPER, ETL_CLASSIC } from '../providers/redcap/support.js'
import { serveDefault } from './support.js'

const LEGACY_KEY = '4e8a1c7b-3f2d-4b9e-a6c5-0d1e2f3a4b72'
const LEGACY_SECRET = 'demo-legacy-secret-not-for-production'
const PASSWORD = 'correct-horse-battery-staple'

function multipart(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}

it('keeps no secret in the journal, its previews or the event stream', async () => {
  const s = await serveDefault()
  const events: string[] = []
  const stop = new AbortController()
  const following = (async () => {
    for await (const event of s.control.events(stop.signal)) events.push(JSON.stringify(event))
  })().catch(() => undefined)
  const secrets: Record<string, string> = {
    redcapToken: ALICE_CLASSIC,
    redcapMultipartToken: ETL_CLASSIC,
    redcapSuperToken: ALICE_SUPER,
    legacySecret: LEGACY_SECRET,
    password: PASSWORD,
  }
  const statuses: number[] = []
  const post = async (path: string, body: BodyInit, headers: Record<string, string> = {}) => {
    const response = await fetch(`${s.url}${path}`, { method: 'POST', body, headers })
    statuses.push(response.status)
    return response
  }

  // REDCap: urlencoded, multipart, a super token, a regenerated token, a password field.
  await post('/redcap/api/', new URLSearchParams({ token: ALICE_CLASSIC, content: 'version' }))
  await post('/redcap/api/', multipart({ token: ETL_CLASSIC, content: 'record', format: 'json' }))
  await post('/redcap/api/', new URLSearchParams({ token: ALICE_SUPER, content: 'version' }))
  secrets.redcapRegenerated = (await s.control.redcap.regenerate(13, 'alice')).token
  await post(
    '/redcap/api/',
    new URLSearchParams({
      token: secrets.redcapRegenerated,
      content: 'record',
      password: PASSWORD,
    }),
  )

  // Epicollect5: a client secret in a JSON body and in Basic auth, the access token as Bearer.
  await s.control.epicollect.deleteApp('ec5-river-watch')
  const app = await s.control.epicollect.createApp('ec5-river-watch', 'Secret test')
  secrets.epicollectSecret = app.client_secret
  const tokenAnswer = await post(
    '/epicollect/api/oauth/token',
    JSON.stringify({
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
    }),
    { 'content-type': 'application/json' },
  )
  secrets.epicollectToken = ((await tokenAnswer.json()) as { access_token: string }).access_token
  const basic = Buffer.from(`${String(app.client_id)}:${app.client_secret}`).toString('base64')
  secrets.epicollectBasic = basic
  await post(
    '/epicollect/api/oauth/token',
    new URLSearchParams({ grant_type: 'client_credentials' }),
    {
      authorization: `Basic ${basic}`,
    },
  )
  const entries = await fetch(`${s.url}/epicollect/api/export/entries/ec5-river-watch`, {
    headers: { authorization: `Bearer ${secrets.epicollectToken}` },
  })
  statuses.push(entries.status)

  // Redox: a generated key pair, a signed assertion, the access token; the legacy flow.
  const key = await s.control.redox.createApiKey({ name: 'Secret test' })
  const privateJwk = key.privateJwk as unknown as { d: string }
  secrets.redoxPrivateKey = privateJwk.d
  secrets.redoxAssertion = await signRedoxAssertion({
    key: key.privateJwk as never,
    clientId: key.clientId,
    aud: `${s.url}/redox/v2/auth/token`,
  })
  const redoxToken = await post(
    '/redox/v2/auth/token',
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: secrets.redoxAssertion,
    }),
  )
  secrets.redoxToken = ((await redoxToken.json()) as { access_token: string }).access_token
  const fhir = await fetch(
    `${s.url}/redox/fhir/R4/redox-fhir-sandbox/Development/Patient?given=Chloe&family=Tremblay&birthdate=1990-01-01`,
    {
      headers: { authorization: `Bearer ${secrets.redoxToken}` },
    },
  )
  statuses.push(fhir.status)
  const legacy = await post(
    '/redox/auth/authenticate',
    JSON.stringify({ apiKey: LEGACY_KEY, secret: LEGACY_SECRET }),
    { 'content-type': 'application/json' },
  )
  const legacyTokens = (await legacy.json()) as { accessToken: string; refreshToken: string }
  secrets.legacyAccess = legacyTokens.accessToken
  secrets.legacyRefresh = legacyTokens.refreshToken
  await post(
    '/redox/auth/refreshToken',
    new URLSearchParams({ apiKey: LEGACY_KEY, refreshToken: legacyTokens.refreshToken }),
  )

  // Every call above was accepted, so each secret really was sent.
  expect(statuses).toEqual(statuses.map(() => 200))
  expect(statuses).toHaveLength(11)

  const journal = await (await fetch(`${s.url}/_standin/requests`)).text()
  stop.abort()
  await following
  expect(journal).toContain('[redacted]')
  expect(events.length).toBeGreaterThan(11)
  const places = { journal, events: events.join('\n') }
  const found = Object.entries(secrets).flatMap(([kind, secret]) =>
    Object.entries(places)
      .filter(([, text]) => text.includes(secret))
      .map(([place]) => `${kind} in ${place}`),
  )
  expect(found).toEqual([])
})
