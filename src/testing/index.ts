/**
 * @module standin/testing: helpers for tests. `startStandin()` serves standin on a free port;
 * `createControlClient()` drives any standin (server, session, MSW control origin) through the
 * control plane; `createTestStandin()` answers through `app.request()` with no socket.
 */
export {
  createTestStandin,
  type TestStandin,
  type TestStandinOptions,
} from './create-test-standin.js'
export { startStandin, type StartStandinOptions, type StartedStandin } from './start-standin.js'
export { createControlClient, providerBaseUrls } from './control-client.js'
export { ControlError } from './control-error.js'
export type * from './control-types.js'
