/**
 * Adding a provider is its folder and one entry in the registry: a copy of `src/` gets a fourth,
 * toy provider in `providers/toy/` and one entry in `providers/index.ts`, nothing else, and then
 * the app serves it, the config accepts its routes, upstream and credentials, proxy mode forwards
 * it with its own injector, and the MSW hosts and the testing client's base URLs include it.
 */
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { mkdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startStub, type Stub } from '../support/stub-upstream.js'

const REPO = resolve(import.meta.dirname, '../..')
const REGISTRY = 'providers/index.ts'

const TOY_HOSTS = `import type { ProviderHosts } from '../host.js'

export const toyHosts = {
  id: 'toy',
  hosts: [{ name: 'toy', mount: '/toy', realBaseUrl: 'https://api.toy.example' }],
  credentials: [{ name: 'apiKey' }],
} as const satisfies ProviderHosts
`

const TOY_INDEX = `import { Hono } from 'hono'
import { z } from 'zod'
import { bearerHeader } from '../../proxy/inject/place.js'
import type { Provider, StandinEnv } from '../provider.js'
import { toyHosts } from './hosts.js'

const ToySeedSchema = z.object({ greeting: z.string().default('hello') }).strict()

export const toy = {
  id: toyHosts.id,
  title: 'Toy',
  hosts: toyHosts,
  mounts: toyHosts.hosts.map((h) => h.mount),
  seedSchema: ToySeedSchema,
  createState: (seed) => ({ greeting: seed?.greeting ?? 'hello' }),
  routes: (ctx) =>
    new Hono<StandinEnv>().get('/hello', (c) => c.json({ greeting: ctx.state().greeting })),
  authenticate: () => Promise.resolve(),
  injector: {
    provider: toyHosts.id,
    localPaths: [],
    place: bearerHeader,
    fields: ['apiKey'],
    create: (deps) => ({ current: () => Promise.resolve(deps.secret('apiKey')) }),
  },
  renderError: (error) => Response.json({ toyError: error.code }, { status: error.status }),
} satisfies Provider<{ greeting: string }, z.output<typeof ToySeedSchema>>
`

let copy: string
let stub: Stub

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** The copy's `createStandin`, typed loosely: the toy's config keys are not in this repo's types. */
type CreateStandin = (options: Record<string, unknown>) => Promise<{
  fetch(request: Request): Promise<Response>
}>

/** Imports a module of the copy (its own module instances, registry with the toy in it). */
async function fromCopy<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(copy, 'src', path)).href)) as T
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'standin-toy-'))
  cpSync(join(REPO, 'src'), join(copy, 'src'), { recursive: true })
  cpSync(join(REPO, 'package.json'), join(copy, 'package.json'))
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'), 'dir')
  mkdirSync(join(copy, 'src/providers/toy'))
  writeFileSync(join(copy, 'src/providers/toy/hosts.ts'), TOY_HOSTS)
  writeFileSync(join(copy, 'src/providers/toy/index.ts'), TOY_INDEX)
  const registry = join(copy, 'src', REGISTRY)
  const before = readFileSync(registry, 'utf8')
  const after = before
    .replace(
      "import { redox } from './redox/index.js'\n",
      "import { redox } from './redox/index.js'\nimport { toy } from './toy/index.js'\n",
    )
    .replace('[redcap, epicollect, redox]', '[redcap, epicollect, redox, toy]')
  expect(after.split('\n').length - before.split('\n').length).toBe(1)
  writeFileSync(registry, after)
  stub = await startStub((request, res) => {
    json(res, 200, { upstream: request.url, authorization: request.headers.authorization })
  })
})

afterAll(async () => {
  await stub.close()
  rmSync(copy, { recursive: true, force: true })
})

describe('a fourth provider', () => {
  it('changes nothing outside its folder but the registry entry', () => {
    const src = join(copy, 'src')
    const changed = filesUnder(src)
      .map((file) => relative(src, file))
      .filter((file) => {
        const original = join(REPO, 'src', file)
        try {
          return readFileSync(original, 'utf8') !== readFileSync(join(src, file), 'utf8')
        } catch {
          return true
        }
      })
    expect(changed.sort()).toEqual([REGISTRY, 'providers/toy/hosts.ts', 'providers/toy/index.ts'])
  })

  it('is served under its mount with its scenario section', async () => {
    const { createStandin } = await fromCopy<{ createStandin: CreateStandin }>('node/create.ts')
    const standin = await createStandin({
      scenario: { name: 'toy', providers: { toy: { greeting: 'hi there' } } },
    })
    const response = await standin.fetch(new Request('http://standin.local/toy/hello'))
    expect([response.status, await response.json()]).toEqual([200, { greeting: 'hi there' }])
    const missing = await standin.fetch(new Request('http://standin.local/toy/nothing'))
    expect([missing.status, await missing.json()]).toEqual([404, { toyError: 'not_found' }])
  })

  it('is proxied with its own credential by the config keys its hosts declare', async () => {
    const { createStandin } = await fromCopy<{ createStandin: CreateStandin }>('node/create.ts')
    const { nodeSecretReader } =
      await fromCopy<typeof import('../../src/node/proxy-ports.js')>('node/proxy-ports.ts')
    const standin = await createStandin({
      scenario: { name: 'toy', providers: {} },
      config: {
        routes: [{ provider: 'toy', path: '/hello', mode: 'proxy' }],
        upstreams: { toy: { url: stub.url } },
        credentials: { toy: { apiKey: { env: 'TOY_API_KEY' } } },
      },
      proxy: { secrets: nodeSecretReader({ TOY_API_KEY: 'real-toy-key' }) },
    })
    const response = await standin.fetch(new Request('http://standin.local/toy/hello'))
    expect([response.status, await response.json()]).toEqual([
      200,
      { upstream: '/hello', authorization: 'Bearer real-toy-key' },
    ])
  })

  it('has a host route for MSW and a base URL in the testing client', async () => {
    const { hostRoutes } =
      await fromCopy<typeof import('../../src/msw/host-routes.js')>('msw/host-routes.ts')
    expect(hostRoutes().map((route) => [route.base, route.mount])).toContainEqual([
      'https://api.toy.example',
      '/toy',
    ])
    const { providerBaseUrls } = await fromCopy<
      typeof import('../../src/testing/control-client.js')
    >('testing/control-client.ts')
    expect(providerBaseUrls('http://127.0.0.1:4010')).toMatchObject({
      toy: 'http://127.0.0.1:4010/toy',
      redcap: 'http://127.0.0.1:4010/redcap',
    })
  })
})
