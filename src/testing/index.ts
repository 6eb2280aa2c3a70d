/**
 * @module standin/testing: helpers for tests that drive standin in-process.
 */
export {
  createTestStandin,
  type TestStandin,
  type TestStandinOptions,
} from './create-test-standin.js'
