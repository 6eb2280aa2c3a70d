/**
 * The "real" upstream of the proxy: another standin on a real socket, with credentials of its own
 * that only the proxied standin's environment holds. Every exchange it sees is kept, so a test
 * learns the secrets the proxied standin used and obtained there (its signed assertions, the
 * tokens it was issued) without reading them from the standin under test.
 */
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { createStandin } from '../../../src/node/create.js'
import { serveApp, type RunningServer } from '../../../src/node/serve.js'
import { upstreamScenario } from '../../support/upstream-world.js'

export interface Upstream {
  readonly url: string
  /** The private JWK the proxied standin signs its Redox assertions with, as it reads it. */
  readonly redoxKey: JWK
  /** Every secret value seen in the exchanges so far: sent credentials and issued tokens. */
  seenSecrets(): string[]
  close(): Promise<void>
}

/** Names of request fields and answer members that carry a credential, as the three APIs use them. */
const CREDENTIAL_FIELDS = ['token', 'client_secret', 'client_assertion', 'access_token']

export async function startUpstream(): Promise<Upstream> {
  const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true })
  const kid = 'upstream-key-1'
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS384', use: 'sig' }
  const redoxKey = { ...(await exportJWK(privateKey)), kid, alg: 'RS384' }
  const standin = await createStandin({ scenario: upstreamScenario(publicJwk) })
  const seen = new Set<string>()
  const keep = (value: string | null | undefined) => {
    const secret = value?.replace(/^(Bearer|Basic)\s+/i, '')
    if (secret !== undefined && secret.length >= 8) seen.add(secret)
  }
  const server: RunningServer = await serveApp(
    async (request) => {
      keep(request.headers.get('authorization'))
      keep(new URL(request.url).searchParams.get('token'))
      const body = await request.clone().text()
      const form = new URLSearchParams(body)
      for (const name of CREDENTIAL_FIELDS) keep(form.get(name))
      const response = await standin.fetch(request)
      const answer = await response.clone().text()
      for (const name of CREDENTIAL_FIELDS) keep(memberOf(answer, name))
      return response
    },
    { host: '127.0.0.1', port: 0 },
  )
  return {
    url: server.url,
    redoxKey,
    seenSecrets: () => [...seen],
    close: () => server.close(),
  }
}

function memberOf(json: string, name: string): string | undefined {
  try {
    const value = (JSON.parse(json) as Record<string, unknown> | null)?.[name]
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}
