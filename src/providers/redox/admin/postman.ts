/**
 * A Postman collection and environment for one API key, like the ones on Redox's DevTools tab: the
 * pre-request script signs the client assertion (RS384, `kid`, `aud` = the token URL) with the
 * private JWK from the environment, and the token request stores `accessToken` for the others.
 * Postman cannot sign RS384 by itself, so the script loads jsrsasign once and keeps it in a
 * collection variable. The environment carries the private key only when standin just made it,
 * as at Redox; users of a JWKS URL fill in `kid` themselves.
 * @see https://docs.redoxengine.com/how-to-use-redox/send-and-manage-requests/authenticate-an-oauth-api-key/
 */
import type { KidJwk } from '../state/api-keys.js'
import { REGION_NAME, TOKEN_PATH } from '../region.js'
import type { ApiKey } from '../state/model.js'
import { CLIENT_CREDENTIALS, JWT_BEARER } from '../routes/token-endpoint.js'

export const JSRSASIGN_URL =
  'https://cdn.jsdelivr.net/npm/jsrsasign@11.1.5/lib/jsrsasign-all-min.js'
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

/** The pre-request script of "Get access token", one array entry per line as Postman stores it. */
export const SIGN_ASSERTION_SCRIPT = [
  "const privateKey = pm.environment.get('privateKey')",
  "if (!privateKey) throw new Error('Paste the private JWK of this API key into the privateKey environment variable.')",
  'function sign(library) {',
  // jsrsasign picks its fastest big-number code for this appName; the sandbox has no navigator
  "  var navigator = { appName: 'Netscape' }, window = {}",
  '  eval(library)',
  '  const jwk = JSON.parse(privateKey)',
  "  const clientId = pm.environment.get('clientId')",
  '  const now = Math.floor(Date.now() / 1000)',
  "  const header = { alg: 'RS384', typ: 'JWT', kid: pm.environment.get('kid') || jwk.kid }",
  '  const payload = {',
  '    iss: clientId,',
  '    sub: clientId,',
  "    aud: pm.environment.get('authUrl'),",
  '    iat: now,',
  '    exp: now + 300,',
  '    jti: KJUR.crypto.Util.getRandomHexOfNbytes(16),',
  '  }',
  '  const assertion = KJUR.jws.JWS.sign(',
  "    'RS384',",
  '    JSON.stringify(header),',
  '    JSON.stringify(payload),',
  '    KEYUTIL.getKey(jwk),',
  '  )',
  "  pm.environment.set('clientAssertion', assertion)",
  '}',
  "const cached = pm.collectionVariables.get('jsrsasign')",
  'if (cached) sign(cached)',
  'else',
  `  pm.sendRequest('${JSRSASIGN_URL}', (error, response) => {`,
  '    if (error) throw error',
  "    pm.collectionVariables.set('jsrsasign', response.text())",
  '    sign(response.text())',
  '  })',
]

export const STORE_TOKEN_SCRIPT = [
  'const body = pm.response.json()',
  "if (body.access_token) pm.environment.set('accessToken', body.access_token)",
]

export interface PostmanExport {
  readonly collection: Record<string, unknown>
  readonly environment: Record<string, unknown>
}

export interface PostmanOptions {
  /** The host's base URL as this client reaches standin (`http://127.0.0.1:4010/redox`). */
  readonly base: string
  readonly destination: string
  readonly patientId: string | undefined
  /** Only right after standin generated the key. */
  readonly privateJwk?: KidJwk | undefined
}

export function buildPostman(key: ApiKey, options: PostmanOptions): PostmanExport {
  const title = `standin Redox: ${key.name} (${REGION_NAME[key.region]})`
  const fhir = '{{baseUrl}}/fhir/R4/{{destination}}/{{environment}}'
  const onlyKid = key.jwksUrl ? '' : ([...key.keys.keys()][0] ?? '')
  const variable = (k: string, value: string, secret = false) => ({
    key: k,
    value,
    type: secret ? 'secret' : 'default',
    enabled: true,
  })
  return {
    collection: {
      info: { name: title, schema: SCHEMA },
      auth: {
        type: 'bearer',
        bearer: [{ key: 'token', value: '{{accessToken}}', type: 'string' }],
      },
      variable: [{ key: 'jsrsasign', value: '' }],
      item: [
        {
          name: 'Get access token',
          event: [script('prerequest', SIGN_ASSERTION_SCRIPT), script('test', STORE_TOKEN_SCRIPT)],
          request: {
            auth: { type: 'noauth' },
            method: 'POST',
            header: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
            body: {
              mode: 'urlencoded',
              urlencoded: [
                { key: 'grant_type', value: CLIENT_CREDENTIALS },
                { key: 'client_assertion_type', value: JWT_BEARER },
                { key: 'client_assertion', value: '{{clientAssertion}}' },
              ],
            },
            url: '{{authUrl}}',
          },
        },
        {
          name: 'Search Patient',
          request: {
            method: 'POST',
            header: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
            body: { mode: 'urlencoded', urlencoded: [{ key: '_id', value: '{{patientId}}' }] },
            url: `${fhir}/Patient/_search`,
          },
        },
        { name: 'Read Patient', request: { method: 'GET', url: `${fhir}/Patient/{{patientId}}` } },
      ],
    },
    environment: {
      name: title,
      values: [
        variable('baseUrl', options.base),
        variable('authUrl', `${options.base}${TOKEN_PATH}`),
        variable('clientId', key.clientId),
        variable('kid', onlyKid),
        variable('privateKey', options.privateJwk ? JSON.stringify(options.privateJwk) : '', true),
        variable('destination', options.destination),
        variable('environment', key.environment),
        variable('patientId', options.patientId ?? ''),
        variable('clientAssertion', ''),
        variable('accessToken', '', true),
      ],
      _postman_variable_scope: 'environment',
    },
  }
}

function script(listen: 'prerequest' | 'test', exec: readonly string[]) {
  return { listen, script: { type: 'text/javascript', exec } }
}
