/**
 * Asking an upstream's OAuth token endpoint for an access token (a form POST), with every failure
 * turned into the 502/504 the client sees and a reason for the journal that names no secret.
 */
import { StandinError } from '../../core/errors.js'
import { fromUtf8, readAll, utf8 } from '../bytes.js'
import { upstreamError } from '../transport.js'
import type { InjectorDeps } from './injector.js'
import type { FetchedToken } from './token-cache.js'

export async function requestAccessToken(
  deps: InjectorDeps,
  tokenUrl: string,
  form: Readonly<Record<string, string>>,
  defaultLifetimeSeconds: number,
): Promise<FetchedToken> {
  const what = `token request to ${tokenUrl}`
  let status: number
  let text: string
  try {
    const response = await deps.transport({
      method: 'POST',
      url: tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: utf8(new URLSearchParams(form).toString()),
      timeoutMs: deps.upstream.timeoutMs,
    })
    status = response.status
    text = fromUtf8(await readAll(response.body))
  } catch (error) {
    throw upstreamError(error, what)
  }
  const body = parseJson(text)
  const token = body?.access_token
  if (status !== 200 || typeof token !== 'string' || token === '') {
    const excerpt = deps.redactor.scrub(text).slice(0, 300)
    throw new StandinError('upstream_failed', 'Bad gateway', {
      detail: `${what} was refused with ${String(status)}: ${excerpt} (check credentials.${deps.upstream.key})`,
    })
  }
  deps.redactor.add(token, `${deps.upstream.key}.access_token`)
  const expiresIn = body?.expires_in
  return {
    value: token,
    expiresInSeconds:
      typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : defaultLifetimeSeconds,
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
