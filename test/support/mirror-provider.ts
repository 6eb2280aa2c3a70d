/**
 * A provider that answers every request under every real provider's mount with what it received,
 * so transport tests (MSW rewrites, session prefixes) can see exactly what reached the app.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { providerBaseUrl } from '../../src/providers/base-url.js'
import { SHIPPED_HOSTS } from '../../src/providers/index.js'
import type { Provider, StandinEnv } from '../../src/providers/provider.js'

export interface Mirrored {
  readonly mount: string
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly base: string
  readonly body: string
  readonly header: string | null
  /** Every header the app received, as iterating its Headers gives them. */
  readonly headers: readonly (readonly [string, string])[]
}

export const mirrorProvider: Provider<object, object> = {
  id: 'mirror',
  title: 'Mirror',
  mounts: SHIPPED_HOSTS.map((host) => host.mount),
  seedSchema: z.object({}).strict(),
  createState: () => ({}),
  routes(_ctx, mount) {
    const app = new Hono<StandinEnv>()
    app.all('*', async (c) =>
      c.json({
        mount,
        method: c.req.method,
        path: c.req.path,
        query: c.req.query(),
        base: providerBaseUrl(c, mount),
        body: await c.req.text(),
        header: c.req.header('x-test') ?? null,
        headers: [...c.req.raw.headers],
      } satisfies Mirrored),
    )
    return app
  },
  renderError: (error, c) => c.json({ fault: error.code }, error.status as 400),
}
