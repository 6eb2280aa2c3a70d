/**
 * Reading a token request as Laravel and league do. Bodies: JSON when the content type contains
 * `/json` or `+json` (Request::isJson), urlencoded and multipart forms as PHP parses them; any other
 * body reads as empty (so it fails as a missing grant type). `Authorization: Basic` is decoded as
 * league's getBasicAuthCredentials does. Query parameters are never read.
 */
import type { Context } from 'hono'
import { collectFields } from '../wire/query-params.js'
import type { TokenRequest } from './token-endpoint.js'

async function readParams(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  try {
    if (type.includes('/json') || type.includes('+json')) {
      const value = JSON.parse(await c.req.text()) as unknown
      // A JSON list or scalar becomes a PHP array with numeric keys: no grant_type in it.
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {}
    }
    const lower = type.toLowerCase()
    if (lower.startsWith('application/x-www-form-urlencoded'))
      return Object.fromEntries(collectFields(new URLSearchParams(await c.req.text())))
    if (lower.startsWith('multipart/form-data')) {
      const form = await c.req.formData()
      return Object.fromEntries(collectFields<unknown>(form.entries()))
    }
  } catch {
    // Unparseable bodies leave the parameter bag empty, as PHP does.
  }
  return {}
}

function readBasic(header: string | undefined): TokenRequest['basic'] {
  if (header === undefined || !header.startsWith('Basic ')) return undefined
  let decoded: string
  try {
    const binary = atob(header.slice(6))
    decoded = new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)))
  } catch {
    return undefined
  }
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

export async function readTokenRequest(c: Context): Promise<TokenRequest> {
  return { params: await readParams(c), basic: readBasic(c.req.header('authorization')) }
}
