/**
 * The standin under test as a user runs it: the built bin in its own folder (recordings land in
 * its `fixtures/recordings`), the access log as JSON with headers, an admin token from the
 * environment, and a config whose proxied routes reach the upstream with credentials referenced
 * by environment variable only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnStandin, type Spawned } from '../../support/cli.js'
import { upstreamConfig, upstreamEnv, upstreamRoutes } from '../../support/upstream-world.js'
import type { Upstream } from './upstream.js'

export const ADMIN_TOKEN = 'admin-token-9f8e7d6c5b4a39281706f5e4'

export interface Served extends Spawned {
  readonly dir: string
  /** A control-plane call with the admin token, as `Authorization: Bearer`. */
  control(path: string, init?: RequestInit): Promise<Response>
  /** Switches the proxied routes of all three providers to `mode`. */
  routes(mode: 'mock' | 'record'): Promise<void>
}

export async function serveWithProxy(upstream: Upstream): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'standin-secrets-'))
  writeFileSync(join(dir, 'standin.config.json'), JSON.stringify(upstreamConfig(upstream.url)))
  const spawned = await spawnStandin(['--log', 'json', '--verbose'], {
    cwd: dir,
    env: { STANDIN_ADMIN_TOKEN: ADMIN_TOKEN, ...upstreamEnv(upstream.redoxKey) },
  })
  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${spawned.url}/_standin${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(init.headers as Record<string, string> | undefined),
      },
    })
  return {
    ...spawned,
    dir,
    control,
    routes: async (mode) => {
      const response = await control('/routes', {
        method: 'PUT',
        body: JSON.stringify({ routes: upstreamRoutes(mode) }),
      })
      if (response.status !== 200) throw new Error(`routes: ${await response.text()}`)
    },
  }
}
