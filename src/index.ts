/**
 * @module standin: a local stand-in for the REDCap, Epicollect5 and Redox APIs.
 *
 * `createStandin()` builds a world from a scenario and returns its hono app; `startStandin()` in
 * `standin/testing` serves it on a free port.
 */
export { createStandin } from './node/create.js'
export type { Standin, StandinOptions } from './standin.js'
export type { StandinConfig, StandinConfigInput } from './config/schema.js'
export type { ProxyOptions } from './proxy/runtime.js'
export type { ProxySettings, RouteRule, UpstreamSettings } from './proxy/settings.js'
export type { Scenario } from './scenarios/schema.js'
export type { Clock } from './core/clock.js'
export { VirtualClock, SystemClock } from './core/clock.js'
export { MemoryFixtureStore, type FixtureStore } from './core/fixtures.js'
export type { CredentialView, CredentialStatus } from './core/credentials.js'
export type { JournalEntry } from './core/journal.js'
export type { ProviderId, RouteMode, Outcome } from './core/glossary.js'
export { StandinError, type StandinErrorCode } from './core/errors.js'
