/**
 * Serves a library scenario on a real socket, as `standin start --scenario NAME` would, and gives
 * tests small clients for it.
 */
import { afterEach } from 'vitest'
import { createStandin } from '../../../src/node/create.js'
import { serveApp } from '../../../src/node/serve.js'
import type { World } from '../../../src/world.js'

export interface Served {
  readonly url: string
  readonly world: World
  /** POSTs JSON to the control plane and returns the parsed answer. */
  control(path: string, body?: unknown): Promise<unknown>
}

const open: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()))
})

export async function serveScenario(name: string): Promise<Served> {
  const standin = await createStandin({ scenario: name })
  const server = await serveApp(standin.fetch, { host: '127.0.0.1', port: 0 })
  open.push(() => server.close())
  return {
    url: server.url,
    world: standin.world,
    async control(path, body) {
      const response = await fetch(`${server.url}/_standin${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return (await response.json()) as unknown
    },
  }
}

export async function outcome(response: Response): Promise<{ status: number; body: unknown }> {
  const text = await response.text()
  try {
    return { status: response.status, body: JSON.parse(text) as unknown }
  } catch {
    return { status: response.status, body: text }
  }
}
