/**
 * Every provider under each of its mounts, each route behind its mount's front step
 * (provider-front.ts), and the provider's own 404 for a path under a mount that no route answers.
 */
import { Hono, type Context } from 'hono'
import { hostPolicyOf } from './admin/guard.js'
import { StandinError } from './core/errors.js'
import { journalAnswers } from './journal/capture.js'
import { leversOf } from './levers/apply-levers.js'
import { behindFront, providerFront, type FrontParts, type Front } from './provider-front.js'
import { providerContext, type AnyProvider, type StandinEnv } from './providers/provider.js'
import type { ProxyRuntime } from './proxy/runtime.js'
import { routeModesOf } from './proxy/serve.js'
import type { World } from './world.js'

interface MountedProvider {
  readonly provider: AnyProvider
  readonly mount: string
  readonly front: Front
}

/** A path no route answered: its provider's 404 when it lies under a mount, else undefined. */
export type ProviderNotFound = (c: Context) => Response | Promise<Response> | undefined

export function mountProviders(
  app: Hono,
  world: World,
  proxy: ProxyRuntime,
  answered: FrontParts['answered'],
): ProviderNotFound {
  const mounted: MountedProvider[] = []
  for (const provider of world.providers) {
    for (const mount of provider.mounts) {
      const front = providerFront({
        world,
        provider,
        mount,
        hosts: hostPolicyOf(world),
        levers: leversOf(world, provider),
        routeMode: routeModesOf(proxy, provider, mount),
        keepAnswer: journalAnswers(world, provider.id, () => proxy.redactor.scrubberNow()),
        answered,
      })
      mounted.push({ provider, mount, front })
      app.route(mount, providerApp(provider, mount, world, front))
    }
  }
  return (c) => {
    const path = c.req.path
    const at = mounted.find(({ mount }) => path === mount || path.startsWith(`${mount}/`))
    return at && providerNotFound(at, c as Context<StandinEnv>)
  }
}

function providerApp(
  provider: AnyProvider,
  mount: string,
  world: World,
  front: Front,
): Hono<StandinEnv> {
  // Each route behind the front step rather than the step as a middleware before them, and no
  // catch-all route (the root's not-found handler answers for the mount): a request that matches
  // one route then runs one handler, which hono calls without composing a chain, and which
  // answers synchronously when nothing in it waits. No error handler of its own either: hono
  // would wrap every route in one more dispatch per request.
  const app = new Hono<StandinEnv>()
  for (const route of provider.routes(providerContext(provider, world), mount).routes)
    app.on(route.method, route.path, behindFront(front, route.handler))
  return app
}

/** A path under a provider's mount that no route of it answers: a 404 in its envelope. */
function providerNotFound(
  { provider, front }: MountedProvider,
  c: Context<StandinEnv>,
): Response | Promise<Response> {
  const refuse = (): never => {
    throw new StandinError('not_found', 'Not found', {
      detail: `no ${provider.title} route ${c.req.method} ${c.req.path}`,
    })
  }
  // A provider's own middleware ran behind the front step, and found no route after it.
  if (c.get('renderError') !== undefined) refuse()
  return front(c, refuse)
}
