/**
 * A tiny Epicollect5 client: a client-credentials token (valid 2 hours), fetched again once when
 * the server answers `ec5_256` (revoked, expired or replaced), and entries read page by page.
 */
interface Page {
  readonly data: { readonly entries: readonly Record<string, unknown>[] }
  readonly links: { readonly next: string | null }
}

export class EpicollectError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`Epicollect5 answered ${String(status)} ${code ?? ''}`)
  }
}

export function epicollectClient(baseUrl: string, clientId: number, clientSecret: string) {
  let token: string | undefined

  async function fetchToken(): Promise<string> {
    const response = await fetch(`${baseUrl}/api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.api+json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    })
    if (response.status !== 200) throw await failure(response)
    return ((await response.json()) as { access_token: string }).access_token
  }

  async function get(url: string, retried = false): Promise<Page> {
    token ??= await fetchToken()
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
    if (response.status === 200) return (await response.json()) as Page
    const error = await failure(response)
    if (error.code !== 'ec5_256' || retried) throw error
    token = undefined
    return get(url, true)
  }

  return {
    /** Every entry of a form, following `links.next` to the last page. */
    async entries(slug: string, perPage = 500) {
      const entries: Record<string, unknown>[] = []
      let next: string | null = `${baseUrl}/api/export/entries/${slug}?per_page=${String(perPage)}`
      while (next !== null) {
        const page: Page = await get(next)
        entries.push(...page.data.entries)
        next = page.links.next
      }
      return entries
    },
  }
}

async function failure(response: Response): Promise<EpicollectError> {
  const body = (await response.json()) as { errors?: { code: string }[] }
  return new EpicollectError(response.status, body.errors?.[0]?.code)
}
