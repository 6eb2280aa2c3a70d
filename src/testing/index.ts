/**
 * @module standin/testing: helpers for tests. `startStandin()` serves standin on a free port;
 * `createControlClient()` drives any standin (server, session, MSW control origin) through the
 * control plane; `createTestStandin()` answers through `app.request()` with no socket;
 * `expectRequests()` verifies what the app sent; `signRedoxAssertion()` signs a Redox
 * `client_assertion`, by default with the demo key the default scenario registers.
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
export { expectRequests, type RequestExpectation } from './expect-requests.js'
export {
  signRedoxAssertion,
  demoRedoxPrivateJwk,
  DEFAULT_REDOX_CLIENT_ID,
  REDOX_TOKEN_URL,
  type RedoxAssertionOptions,
} from '../node/redox-assertion.js'
