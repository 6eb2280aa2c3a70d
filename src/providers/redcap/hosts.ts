/**
 * REDCap has no one public host: each institution runs its own, so the real base URL is an example
 * (clients point MSW at theirs). The credential is the project's API token, a POST field.
 */
import type { ProviderHosts } from '../host.js'

export const redcapHosts = {
  id: 'redcap',
  hosts: [{ name: 'redcap', mount: '/redcap', realBaseUrl: 'https://redcap.example.edu' }],
  credentials: [{ name: 'token' }],
} as const satisfies ProviderHosts
