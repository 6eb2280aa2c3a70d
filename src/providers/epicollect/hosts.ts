/**
 * Epicollect5's one public server, and the client app whose client_credentials grant standin runs
 * in proxy mode.
 * @see https://developers.epicollect.net (five.epicollect.net)
 */
import type { ProviderHosts } from '../host.js'

export const epicollectHosts = {
  id: 'epicollect',
  hosts: [{ name: 'epicollect', mount: '/epicollect', realBaseUrl: 'https://five.epicollect.net' }],
  credentials: [{ name: 'clientId' }, { name: 'clientSecret' }],
  /** The client_credentials token endpoint, under the host. */
  tokenPath: '/api/oauth/token',
} as const satisfies ProviderHosts
