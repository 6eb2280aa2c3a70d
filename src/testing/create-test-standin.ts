/**
 * createTestStandin: a world with a frozen virtual clock and a seeded random, answering through
 * `app.request()` with no socket. Fixtures and scenarios come from standin's own files unless given.
 */
import type { Hono } from 'hono'
import type { VirtualClock } from '../core/clock.js'
import type { Journal } from '../core/journal.js'
import { createStandin } from '../node/create.js'
import type { StandinOptions } from '../standin.js'
import type { World } from '../world.js'

/** As createStandin's options; `frozen` defaults to true so time moves only when a test says. */
export type TestStandinOptions = StandinOptions

export interface TestStandin {
  readonly app: Hono
  readonly world: World
  readonly clock: VirtualClock
  readonly journal: Journal
  /** `app.request` bound to this standin: a path or URL, and request options. */
  request(input: string, init?: RequestInit): Promise<Response>
  /**
   * The absolute URL a client reaches a standin path at (`/redox/v2/auth/token`), for what a client
   * signs or compares (a Redox `aud`). Other transports (MSW) answer it with their own host.
   */
  url(path: string): string
}

export async function createTestStandin(options: TestStandinOptions = {}): Promise<TestStandin> {
  const { world, app } = await createStandin({ seed: 'test', frozen: true, ...options })
  return {
    app,
    world,
    get clock() {
      return world.clock
    },
    journal: world.journal,
    request: async (input, init) => app.request(input, init),
    url: (path) => new URL(path, 'http://localhost').href,
  }
}
