/**
 * DESIGN.md's URL layout: where each provider is mounted and the real base URL it stands in for.
 * The transports (MSW handlers, `startStandin`'s base URLs) read it from here.
 */

/** Mount paths, keyed by the name the transports use (`redoxCa` is Redox's Canada host). */
export const PROVIDER_MOUNTS = {
  redcap: '/redcap',
  epicollect: '/epicollect',
  redox: '/redox',
  redoxCa: '/redox-ca',
} as const

export type MountName = keyof typeof PROVIDER_MOUNTS

/**
 * The real services. REDCap has no single host (each institution runs its own), so it has no entry.
 * @see https://developers.epicollect.net (five.epicollect.net)
 * @see https://docs.redoxengine.com/how-to/send-and-manage-requests/authenticate-with-jwt (api and api.ca)
 */
export const REAL_BASE_URLS = {
  epicollect: 'https://five.epicollect.net',
  redox: 'https://api.redoxengine.com',
  redoxCa: 'https://api.ca.redoxengine.com',
} as const
