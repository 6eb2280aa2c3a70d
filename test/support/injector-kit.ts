/**
 * What an injector test needs: an upstream on a stub, the node:http transport, a real-time clock
 * the test can move, and an environment map the references resolve in.
 */
import { SystemClock, VirtualClock } from '../../src/core/clock.js'
import { createHttpTransport } from '../../src/node/http-transport.js'
import { nodeSecretReader } from '../../src/node/proxy-ports.js'
import { readAll } from '../../src/core/bytes.js'
import { Redactor } from '../../src/proxy/credentials.js'
import { forward, type ClientRequest } from '../../src/proxy/forward.js'
import {
  injectorDeps,
  type CredentialSource,
  type InjectorDefinition,
} from '../../src/proxy/inject/injector.js'
import type { CredentialRefs, UpstreamSettings } from '../../src/proxy/settings.js'
import type { ResponseBody } from '../../src/proxy/transport.js'

export interface InjectorKit {
  readonly clock: VirtualClock
  readonly redactor: Redactor
  readonly source: CredentialSource
  readonly upstream: UpstreamSettings
  send(request: Partial<ClientRequest> & { pathAndQuery: string }): ReturnType<typeof forward>
  close(): void
}

export function injectorKit(
  injector: InjectorDefinition,
  options: {
    url: string
    key?: string
    env: Record<string, string>
    credentials: CredentialRefs
    timeoutMs?: number
  },
): InjectorKit {
  const http = createHttpTransport()
  const clock = new VirtualClock(new Date('2026-03-01T08:00:00Z'), new SystemClock(), true)
  const redactor = new Redactor()
  const upstream: UpstreamSettings = {
    key: options.key ?? injector.provider,
    provider: injector.provider,
    mount: `/${injector.provider}`,
    url: options.url,
    timeoutMs: options.timeoutMs ?? 5000,
    credentials: options.credentials,
  }
  let jti = 0
  const source = injector.create(
    injectorDeps(upstream, {
      transport: http.transport,
      clock,
      nonce: () => `jti-${String(++jti)}`,
      redactor,
      secrets: nodeSecretReader(options.env),
    }),
  )
  return {
    clock,
    redactor,
    source,
    upstream,
    send: (request) =>
      forward(
        { method: 'GET', headers: new Headers(), body: null, ...request },
        {
          upstream,
          transport: http.transport,
          injector,
          source,
          secrets: redactor,
          via: '1.1 standin-test',
        },
      ),
    close: () => {
      http.close()
    },
  }
}

export async function textOf(response: { body: ResponseBody }): Promise<string> {
  return new TextDecoder().decode(await readAll(response.body))
}
