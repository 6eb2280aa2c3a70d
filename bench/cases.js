// @ts-check
/**
 * The throughput cases of `npm run bench`, one row each. A case names the provider it needs (it is
 * skipped with a "provider not registered" line while `GET /_standin/state` does not list it), the
 * floor it is compared with, the target ratio (from the speed issue), the status every answer must
 * have, and `prepare`, which obtains credentials and data through the control plane and the
 * provider's own API and returns the request the load run repeats.
 *
 * The names in BENCH come from bench/scenarios/providers/*.yaml and the shipped fixtures. A case
 * whose probe request does not answer `expect` is reported as failed with the answer it got, so a
 * wrong request never produces numbers.
 */
import { SignJWT, importJWK } from 'jose'

/**
 * @typedef {import('./lib/load.js').LoadRequest} LoadRequest
 * @typedef {'limit' | import('./lib/floors.js').HttpFloor} FloorName
 * @typedef {LoadRequest & { publicJwk?: import('node:crypto').JsonWebKey }} Prepared
 *   the request the load run repeats; `publicJwk`: the key the token floor verifies with
 *
 * @typedef {object} CaseContext
 * @property {string} url  standin's base URL, as the client reaches it
 * @property {(path: string, init?: { method?: string, body?: unknown, headers?: Record<string, string> }) => Promise<any>} call
 *   a JSON call to standin that fails on a non-2xx answer
 *
 * @typedef {object} BenchCase
 * @property {string} name
 * @property {string | undefined} provider  needed in GET /_standin/state's providers, or undefined
 * @property {FloorName} floor  `limit`: floors/limit.js serving standin's own answer
 * @property {'replay' | 'form' | 'token'} [limit]  the limit floor's work (default replay)
 * @property {number | undefined} target  the lowest acceptable ratio to the floor
 * @property {number} expect  the status of every answer
 * @property {(ctx: CaseContext) => Promise<Prepared>} prepare
 * @property {(upstream: string) => Record<string, unknown>} [config]
 *   a standin.config for a standin of its own (the proxy case: routes pointed at the bench upstream)
 * @property {Record<string, string>} [env]  environment of that standin (credential references)
 */

/** Names the bench scenario and the shipped fixtures give things. */
export const BENCH = {
  redcap: { token: 'BE0C0000000000000000000000000001', records: 100 },
  epicollect: { slug: 'ec5-river-watch', clientId: 901, secret: 'Bench'.repeat(8), perPage: 50 },
  redox: {
    fhirBase: '/redox/fhir/R4/redox-fhir-sandbox/Development',
    patientId: '21e729a9-3bb4-4cb9-a9fc-899d6bee8259',
  },
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/**
 * A REDCap API call: POST /redcap/api/ with a form body.
 * @param {Record<string, string>} fields
 * @returns {LoadRequest}
 */
export const redcapApi = (fields) => ({
  method: 'POST',
  path: '/redcap/api/',
  headers: FORM,
  body: new URLSearchParams(fields).toString(),
})

/** @type {readonly BenchCase[]} */
export const CASES = [
  {
    name: 'control plane health',
    provider: undefined,
    floor: 'limit',
    target: 0.6,
    expect: 200,
    prepare: async () => ({ path: '/_standin/health' }),
  },
  {
    name: 'Redox FHIR read',
    provider: 'redox',
    floor: 'limit',
    target: 0.6,
    expect: 200,
    async prepare(ctx) {
      const token = await redoxToken(ctx)
      return {
        path: `${BENCH.redox.fhirBase}/Patient/${BENCH.redox.patientId}`,
        headers: { authorization: `Bearer ${token}` },
      }
    },
  },
  {
    name: 'Epicollect5 entries page',
    provider: 'epicollect',
    floor: 'limit',
    target: 0.6,
    expect: 200,
    async prepare(ctx) {
      const { slug, clientId, secret, perPage } = BENCH.epicollect
      const token = await ctx.call('/epicollect/api/oauth/token', {
        body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
      })
      return {
        path: `/epicollect/api/export/entries/${slug}?per_page=${String(perPage)}`,
        headers: { authorization: `Bearer ${String(token.access_token)}` },
      }
    },
  },
  {
    name: `REDCap record export (${String(BENCH.redcap.records)} records)`,
    provider: 'redcap',
    floor: 'limit',
    target: 0.6,
    expect: 200,
    async prepare(ctx) {
      const { token, records } = BENCH.redcap
      await fillRedcapProject(ctx, token, records)
      return redcapApi({ token, content: 'record', format: 'json', type: 'flat' })
    },
  },
  {
    name: 'Redox token endpoint',
    provider: 'redox',
    floor: 'limit',
    limit: 'token',
    target: 0.6,
    expect: 200,
    async prepare(ctx) {
      const { body, publicJwk } = await redoxTokenForm(ctx)
      return { method: 'POST', path: '/redox/v2/auth/token', headers: FORM, body, publicJwk }
    },
  },
  {
    name: 'REDCap API with a bad token',
    provider: 'redcap',
    floor: 'limit',
    limit: 'form',
    target: 0.6,
    expect: 403,
    prepare: async () => redcapApi({ token: '0'.repeat(32), content: 'record', format: 'json' }),
  },
  proxyCase('proxy path (REDCap API forwarded)', 'http-proxy', 1.0),
  proxyCase(
    'proxy path, beside http-proxy with the default agent',
    'http-proxy (default agent)',
    undefined,
  ),
]

/**
 * The proxy case: standin checks the local token and swaps in the "real" one named by reference, as
 * a proxied REDCap route does, then forwards to the bench's bare node:http server; the floor is
 * http-proxy forwarding the same request to the same upstream.
 * @param {string} name
 * @param {import('./lib/floors.js').HttpFloor} floor
 * @param {number | undefined} target
 * @returns {BenchCase}
 */
function proxyCase(name, floor, target) {
  return {
    name,
    provider: 'redcap',
    floor,
    target,
    expect: 200,
    config: (upstream) => ({
      routes: [{ provider: 'redcap', path: '/api/', mode: 'proxy' }],
      upstreams: { redcap: { url: upstream } },
      credentials: { redcap: { token: { env: 'BENCH_REDCAP_TOKEN' } } },
    }),
    env: { BENCH_REDCAP_TOKEN: 'F'.repeat(32) },
    prepare: async () => redcapApi({ token: BENCH.redcap.token, content: 'version' }),
  }
}

/**
 * Imports records through the API until the project holds `count` (the classic fixture has a few).
 * @param {CaseContext} ctx
 * @param {string} token
 * @param {number} count
 */
async function fillRedcapProject(ctx, token, count) {
  const data = Array.from({ length: count }, (_, i) => ({
    record_id: String(1001 + i),
    first_name: 'Bench',
    last_name: `Record ${String(i + 1)}`,
  }))
  const request = redcapApi({
    token,
    content: 'record',
    action: 'import',
    format: 'json',
    data: JSON.stringify(data),
  })
  const response = await fetch(new URL(request.path, ctx.url), {
    method: 'POST',
    headers: FORM,
    body: request.body ?? '',
  })
  if (!response.ok)
    throw new Error(
      `record import answered ${String(response.status)}: ${(await response.text()).slice(0, 120)}`,
    )
}

/**
 * A token request body for a new Redox API key: RS384 assertion, `aud` = the token URL as reached;
 * with the key's public half, for the token floor.
 * @param {CaseContext} ctx
 * @returns {Promise<{ body: string, publicJwk: import('node:crypto').JsonWebKey }>}
 */
export async function redoxTokenForm(ctx) {
  const key = await ctx.call('/_standin/redox/api-keys', { body: { name: 'bench' } })
  const privateKey = await importJWK(key.privateJwk, 'RS384')
  const now = Math.floor(Date.now() / 1000)
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS384', kid: key.kid })
    .setIssuer(key.clientId)
    .setSubject(key.clientId)
    .setAudience(`${ctx.url}/redox/v2/auth/token`)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setJti(`bench-${String(now)}`)
    .sign(privateKey)
  const { kty, n, e } = key.privateJwk
  return {
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString(),
    publicJwk: { kty, n, e },
  }
}

/** @param {CaseContext} ctx @returns {Promise<string>} */
export async function redoxToken(ctx) {
  const response = await fetch(`${ctx.url}/redox/v2/auth/token`, {
    method: 'POST',
    headers: FORM,
    body: (await redoxTokenForm(ctx)).body,
  })
  const body = /** @type {{ access_token?: string }} */ (await response.json())
  if (!body.access_token) throw new Error(`the token endpoint answered ${String(response.status)}`)
  return body.access_token
}
