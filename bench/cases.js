// @ts-check
/**
 * The throughput cases of `npm run bench`, one row each. A case names the provider it needs (it is
 * skipped with a "provider not registered" line while `GET /_standin/state` does not list it), the
 * floor it is compared with, the target ratio (from the speed issue), the status every answer must
 * have, and `prepare`, which obtains credentials through the control plane and returns the request
 * the load run repeats.
 *
 * The provider cases follow the control API and URL layout of the design document; the values
 * named in BENCH below must match the provider's section in bench/scenarios/bench.yaml. A case
 * whose probe request does not answer `expect` is reported as failed with the answer it got, so a
 * wrong guess never produces numbers.
 */
import { SignJWT, importJWK } from 'jose'

/**
 * @typedef {import('./lib/load.js').LoadRequest} LoadRequest
 * @typedef {'node:http' | 'hono' | 'jose jwtVerify' | 'http-proxy'} FloorName
 *
 * @typedef {object} CaseContext
 * @property {string} url  standin's base URL, as the client reaches it
 * @property {(path: string, init?: { method?: string, body?: unknown, headers?: Record<string, string> }) => Promise<any>} call
 *   a JSON call to standin that fails on a non-2xx answer
 *
 * @typedef {object} BenchCase
 * @property {string} name
 * @property {string | undefined} provider  needed in GET /_standin/state's providers, or undefined
 * @property {FloorName} floor
 * @property {number} target  the lowest acceptable ratio to the floor
 * @property {number} expect  the status of every answer
 * @property {(ctx: CaseContext) => Promise<LoadRequest>} prepare
 * @property {(upstream: string) => Record<string, unknown>} [config]
 *   a standin.config for a standin of its own (the proxy case: routes pointed at the bench upstream)
 * @property {Record<string, string>} [env]  environment of that standin (credential references)
 */

/** Names the bench scenario gives things; keep in step with bench/scenarios/bench.yaml. */
export const BENCH = {
  redcap: { projectId: 1, username: 'bench', records: 100 },
  epicollect: { slug: 'bench-project', perPage: 50 },
  redox: {
    destination: 'redox-fhir-sandbox',
    environment: 'Development',
    patientId: 'bench-patient',
  },
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** @param {Record<string, string>} fields */
const form = (fields) => new URLSearchParams(fields).toString()

/** @type {readonly BenchCase[]} */
export const CASES = [
  {
    name: 'control plane health',
    provider: undefined,
    floor: 'node:http',
    target: 0.6,
    expect: 200,
    prepare: async () => ({ path: '/_standin/health' }),
  },
  {
    name: 'Redox FHIR read',
    provider: 'redox',
    floor: 'node:http',
    target: 0.6,
    expect: 200,
    async prepare(ctx) {
      const token = await redoxToken(ctx)
      const { destination, environment, patientId } = BENCH.redox
      return {
        path: `/redox/fhir/R4/${destination}/${environment}/Patient/${patientId}`,
        headers: { authorization: `Bearer ${token}` },
      }
    },
  },
  {
    name: 'Epicollect5 entries page',
    provider: 'epicollect',
    floor: 'node:http',
    target: 0.6,
    expect: 200,
    async prepare(ctx) {
      const { slug, perPage } = BENCH.epicollect
      const app = await ctx.call(`/_standin/epicollect/projects/${slug}/app`, {
        body: { name: 'bench' },
      })
      const token = await ctx.call('/epicollect/api/oauth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: app.client_id,
          client_secret: app.client_secret,
        },
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
    floor: 'node:http',
    target: 0.6,
    expect: 200,
    async prepare(ctx) {
      const token = await redcapToken(ctx)
      return {
        method: 'POST',
        path: '/redcap/api/',
        headers: FORM,
        body: form({ token, content: 'record', format: 'json', type: 'flat' }),
      }
    },
  },
  {
    name: 'Redox token endpoint',
    provider: 'redox',
    floor: 'jose jwtVerify',
    target: 0.8,
    expect: 200,
    async prepare(ctx) {
      return {
        method: 'POST',
        path: '/redox/v2/auth/token',
        headers: FORM,
        body: await redoxTokenForm(ctx),
      }
    },
  },
  {
    name: 'REDCap API with a bad token',
    provider: 'redcap',
    floor: 'node:http',
    target: 0.6,
    expect: 403,
    prepare: async () => ({
      method: 'POST',
      path: '/redcap/api/',
      headers: FORM,
      body: form({ token: '0'.repeat(32), content: 'record', format: 'json' }),
    }),
  },
  {
    name: 'proxy path (REDCap API forwarded)',
    provider: 'redcap',
    floor: 'http-proxy',
    target: 1.0,
    expect: 200,
    // The upstream is the bench's bare node:http server; standin swaps the local token for the
    // "real" one named by reference, as a proxied REDCap route does.
    config: (upstream) => ({
      routes: [
        {
          provider: 'redcap',
          path: '/api/',
          mode: 'proxy',
          upstream,
          credential: { env: 'BENCH_REDCAP_TOKEN' },
        },
      ],
    }),
    env: { BENCH_REDCAP_TOKEN: 'F'.repeat(32) },
    async prepare(ctx) {
      const token = await redcapToken(ctx)
      return {
        method: 'POST',
        path: '/redcap/api/',
        headers: FORM,
        body: form({ token, content: 'version' }),
      }
    },
  },
]

/**
 * A REDCap API token the way a user gets one: request it, an administrator approves it.
 * @param {CaseContext} ctx
 * @returns {Promise<string>}
 */
async function redcapToken(ctx) {
  const { projectId, username } = BENCH.redcap
  const request = await ctx.call(`/_standin/redcap/projects/${String(projectId)}/token-requests`, {
    body: { username },
  })
  const approved = await ctx.call(`/_standin/redcap/token-requests/${String(request.id)}/approve`, {
    body: {},
  })
  return approved.token
}

/**
 * A token request body for a new Redox API key: RS384 assertion, `aud` = the token URL as reached.
 * @param {CaseContext} ctx
 * @returns {Promise<string>}
 */
async function redoxTokenForm(ctx) {
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
  return form({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  })
}

/** @param {CaseContext} ctx @returns {Promise<string>} */
async function redoxToken(ctx) {
  const response = await fetch(`${ctx.url}/redox/v2/auth/token`, {
    method: 'POST',
    headers: FORM,
    body: await redoxTokenForm(ctx),
  })
  const body = /** @type {{ access_token?: string }} */ (await response.json())
  if (!body.access_token) throw new Error(`the token endpoint answered ${String(response.status)}`)
  return body.access_token
}
