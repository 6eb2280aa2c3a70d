/**
 * `expectRequests(control, matcher)`: verify what the app under test sent, WireMock's
 * `verify(...)` for standin. Each check asks the journal (`POST /_standin/requests/find`) and,
 * when it fails, throws an error listing the near misses: which journaled requests came closest
 * and which part of the matcher each one missed.
 */
import type { ControlClient, FindResult, RequestMatcher } from './control-types.js'

export interface RequestExpectation {
  /** Exactly `n` journaled requests match. */
  toHaveCount(n: number): Promise<void>
  /** At least one journaled request matches. */
  toHaveBeenMade(): Promise<void>
  /** No journaled request matches. */
  notToHaveBeenMade(): Promise<void>
}

export function expectRequests(
  control: Pick<ControlClient, 'requests'>,
  matcher: RequestMatcher = {},
): RequestExpectation {
  const check = async (ok: (n: number) => boolean, wanted: string) => {
    const found = await control.requests.find(matcher)
    if (ok(found.requests.length)) return
    throw new Error(
      `Expected ${wanted} matching ${JSON.stringify(matcher)}, found ${String(found.requests.length)}.${nearMisses(found)}`,
    )
  }
  return {
    toHaveCount: (n) => check((count) => count === n, `${String(n)} request(s)`),
    toHaveBeenMade: () => check((count) => count > 0, 'a request'),
    notToHaveBeenMade: () => check((count) => count === 0, 'no request'),
  }
}

function nearMisses(found: FindResult): string {
  if (found.nearMisses.length === 0) return ''
  const lines = found.nearMisses.map(({ entry, differences }) => {
    const parts = differences
      .map(
        (d) => `${d.part}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`,
      )
      .join('; ')
    return `  #${String(entry.id)} ${entry.method} ${entry.path} (${String(entry.status)}): ${parts}`
  })
  return `\nNear misses:\n${lines.join('\n')}`
}
