/**
 * @module standin/msw: MSW handlers that answer the real hostnames (five.epicollect.net,
 * api.redoxengine.com, api.ca.redoxengine.com, your REDCap) in-process through standin's own app.
 *
 * ```ts
 * const server = setupServer(...createStandinHandlers({ redcap: 'https://redcap.example.edu' }))
 * ```
 */
export { createStandinHandlers, type StandinHandlersOptions, type StandinLike } from './handlers.js'
export {
  DEFAULT_CONTROL_BASE,
  DEFAULT_REDCAP_BASE,
  hostRoutes,
  realUrlFor,
  type HostOptions,
  type HostRoute,
  type ResolvedHostRoute,
} from './host-routes.js'
