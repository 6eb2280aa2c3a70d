/**
 * Keys behind a JWKS URL, the way Redox prefers them: "Redox fetches the kid property in the JWT to
 * find the right public key". standin caches the document, refetches once when a `kid` is unknown
 * (so a rotation at the URL works without a restart), and gives up after a timeout.
 * @see https://docs.redoxengine.com/how-to/send-and-manage-requests/authentication
 */
import { parseJwks, toPublicKey } from './public-keys.js'
import type { JwksCache, JwksUrlSource, PublicKey } from './model.js'

export interface JwksDeps {
  readonly fetch: typeof fetch
  /** Virtual time, for the cache's age. */
  readonly nowMs: number
  readonly timeoutMs: number
  readonly cacheSeconds: number
}

/** The JWKS could not be had; the message says why in plain words (for the journal). */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError'
}

/** The key with `kid`, from the cache while fresh, else from one (re)fetch. */
export async function findJwksKey(
  source: JwksUrlSource,
  kid: string,
  deps: JwksDeps,
): Promise<PublicKey | undefined> {
  const cache = source.cache
  if (cache && deps.nowMs < cache.fetchedAtMs + deps.cacheSeconds * 1000) {
    const hit = cache.keys.get(kid)
    if (hit) return hit
  }
  return (await refetch(source, deps)).keys.get(kid)
}

function refetch(source: JwksUrlSource, deps: JwksDeps): Promise<JwksCache> {
  source.pending ??= fetchJwks(source, deps).finally(() => {
    source.pending = undefined
  })
  return source.pending
}

async function fetchJwks(source: JwksUrlSource, deps: JwksDeps): Promise<JwksCache> {
  const where = `the JWKS URL ${source.url}`
  let response: Response
  try {
    response = await deps.fetch(source.url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'follow',
    })
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    throw new JwksUnavailableError(
      timedOut
        ? `${where} did not answer within ${String(deps.timeoutMs)} ms`
        : `${where} is unreachable (${describe(error)})`,
    )
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw new JwksUnavailableError(`${where} answered HTTP ${String(response.status)}`)
  }
  let jwks
  try {
    jwks = parseJwks(await response.json())
  } catch (error) {
    throw new JwksUnavailableError(`${where} did not return a JWKS (${describe(error)})`)
  }
  const previous = source.cache?.keys
  const keys = new Map<string, PublicKey>()
  for (const jwk of jwks) {
    const known = previous?.get(jwk.kid)
    keys.set(
      jwk.kid,
      known && JSON.stringify(known.jwk) === JSON.stringify(jwk) ? known : toPublicKey(jwk),
    )
  }
  const cache = { keys, fetchedAtMs: deps.nowMs }
  source.cache = cache
  return cache
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
