/**
 * One standin playing the real upstreams of all three providers, with credentials of its own, and
 * the config by which another standin proxies to it: credentials referenced by environment
 * variable only, the variables' values given apart (to a secret reader or a child's environment).
 */
import type { JWK } from 'jose'

export const UPSTREAM_REDCAP_TOKEN = 'B0B0B0B0C1C1C1C1D2D2D2D2E3E3E3E3'
export const UPSTREAM_EC5_ID = 901
export const UPSTREAM_EC5_SECRET = 'UpstreamOnlySecret0123456789abcdefghijkl'
export const UPSTREAM_REDOX_CLIENT = 'upstream-only-client-b'
const RIVER = 'ec5-river-watch'

/** The upstream's world: a REDCap project 77 with a service account, an Epicollect5 app, a Redox key. */
export function upstreamScenario(redoxPublicKey: JWK | { fixture: string }) {
  return {
    name: 'upstream',
    providers: {
      redcap: {
        users: [{ username: 'svc', firstname: 'Service', lastname: 'Account' }],
        projects: [
          {
            id: 77,
            fixture: 'classic',
            users: [{ username: 'svc', token: UPSTREAM_REDCAP_TOKEN }],
          },
        ],
      },
      epicollect: {
        apps: [
          {
            project: RIVER,
            name: 'upstream',
            clientId: UPSTREAM_EC5_ID,
            clientSecret: UPSTREAM_EC5_SECRET,
          },
        ],
      },
      redox: {
        apiKeys: [
          {
            clientId: UPSTREAM_REDOX_CLIENT,
            name: 'Upstream key',
            region: 'us',
            publicKeys: [redoxPublicKey],
          },
        ],
      },
    },
  }
}

/** `upstreams` and `credentials` of a config proxying all three providers to `url`. */
export function upstreamConfig(url: string) {
  return {
    upstreams: {
      redcap: { url: `${url}/redcap` },
      epicollect: { url: `${url}/epicollect` },
      redox: { url: `${url}/redox` },
    },
    credentials: {
      redcap: { token: { env: 'UP_REDCAP_TOKEN' } },
      epicollect: { clientId: { env: 'UP_EC5_ID' }, clientSecret: { env: 'UP_EC5_SECRET' } },
      redox: { clientId: { env: 'UP_REDOX_CLIENT' }, privateKey: { env: 'UP_REDOX_KEY' } },
    },
  }
}

/** The environment `upstreamConfig` reads, the Redox key being the pair of `upstreamScenario`'s. */
export function upstreamEnv(redoxPrivateKey: JWK): Record<string, string> {
  return {
    UP_REDCAP_TOKEN: UPSTREAM_REDCAP_TOKEN,
    UP_EC5_ID: String(UPSTREAM_EC5_ID),
    UP_EC5_SECRET: UPSTREAM_EC5_SECRET,
    UP_REDOX_CLIENT: UPSTREAM_REDOX_CLIENT,
    UP_REDOX_KEY: JSON.stringify(redoxPrivateKey),
  }
}

type Mode = 'mock' | 'proxy' | 'record' | 'replay'

/** The data routes of all three providers, in one mode. */
export function upstreamRoutes(mode: Mode) {
  return [
    { provider: 'redcap' as const, path: '/api/', mode },
    { provider: 'epicollect' as const, path: '/api/export/**', mode },
    { provider: 'redox' as const, path: '/fhir/**', mode },
  ]
}
