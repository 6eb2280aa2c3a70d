/**
 * Redox's two hosts: Canada is the US host with a `ca` label inserted, for every API (OAuth, FHIR,
 * Data Model, legacy auth). A key belongs to one region, so each host is its own upstream with its
 * own credentials: an OAuth API key's client id and private key (`kid` defaults to the JWK's own).
 * @see https://docs.redoxengine.com/how-to-use-redox/send-and-manage-requests/authenticate-an-oauth-api-key/
 */
import type { ProviderHosts } from '../host.js'

export const redoxHosts = {
  id: 'redox',
  hosts: [
    { name: 'redox', mount: '/redox', realBaseUrl: 'https://api.redoxengine.com' },
    { name: 'redoxCa', mount: '/redox-ca', realBaseUrl: 'https://api.ca.redoxengine.com' },
  ],
  credentials: [
    { name: 'clientId' },
    { name: 'kid', optional: true, description: "Defaults to the private JWK's own kid." },
    { name: 'privateKey', description: 'The private JWK (JSON) or a PKCS#8 PEM.' },
  ],
  /** Where a client signs its assertion to and trades it for an access token, under a host. */
  tokenPath: '/v2/auth/token',
  /** Redox access tokens live 300 s. */
  tokenLifetimeSeconds: 300,
} as const satisfies ProviderHosts
