/**
 * A tiny Redox client, as Redox's own sample does it: an RS384 assertion signed with the API key's
 * private JWK (`aud` = this host's token URL), exchanged for a 5-minute token, fetched again once
 * when a call answers 401.
 */
import { importJWK, SignJWT, type JWK } from 'jose'

export class RedoxError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Redox answered ${String(status)}: ${JSON.stringify(body)}`)
  }
}

export function redoxClient(baseUrl: string, clientId: string, privateJwk: JWK) {
  const tokenUrl = `${baseUrl}/v2/auth/token`
  let token: string | undefined

  async function fetchToken(): Promise<string> {
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS384', kid: privateJwk.kid ?? '' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .sign(await importJWK(privateJwk, 'RS384'))
    const response = await fetch(tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    })
    const body = (await response.json()) as { access_token: string }
    if (response.status !== 200) throw new RedoxError(response.status, body)
    return body.access_token
  }

  async function get(path: string, retried = false): Promise<unknown> {
    token ??= await fetchToken()
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    if (response.status === 401 && !retried) {
      token = undefined
      return get(path, true)
    }
    const body: unknown = await response.json()
    if (response.status !== 200) throw new RedoxError(response.status, body)
    return body
  }

  return {
    /** A FHIR R4 search, answered as a searchset Bundle. */
    search: (
      destination: string,
      environment: string,
      resource: string,
      query: Record<string, string>,
    ) =>
      get(
        `/fhir/R4/${destination}/${environment}/${resource}?${new URLSearchParams(query).toString()}`,
      ) as Promise<{
        resourceType: string
        type: string
      }>,
    /** The token in use, so a test can see when it changed. */
    currentToken: () => token,
  }
}
