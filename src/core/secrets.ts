/**
 * What standin treats as a secret wherever it keeps or shows a copy of a request or response (the
 * journal and its previews, events, snapshots, the access log, recordings): fields that carry
 * credentials by name, headers that carry them, and the shapes its providers' credentials take, so
 * a secret sent under an unexpected name is still caught. The one list: every place that redacts
 * asks here.
 */

/**
 * Form fields, query parameters, multipart parts and JSON members whose values are credentials,
 * compared without regard to case.
 */
export const SECRET_FIELDS = [
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'client_assertion',
  'assertion',
  'password',
  'api_key',
  // Redox's legacy authentication: `{"apiKey", "secret"}` in, `{"accessToken", "refreshToken"}` out
  // (its `apiKey` names the key, as a client id does).
  'secret',
  'accesstoken',
  'refreshtoken',
  // Scenario sections: a REDCap user's super token, an Epicollect5 app's client secret.
  'supertoken',
  'clientsecret',
] as const

const SECRET_FIELD_SET: ReadonlySet<string> = new Set(SECRET_FIELDS)

export function isSecretField(name: string): boolean {
  return SECRET_FIELD_SET.has(name.toLowerCase())
}

/** Request and response headers whose values are credentials. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  // The control plane's own (admin/admin-token.ts), wherever a client sends it.
  'standin-admin-token',
])

/** Header names that say they carry a credential: `x-auth-token`, `x-client-secret`, ... */
const SECRET_HEADER_WORDS = /token|secret|passw(or)?d|api-?key|session|signature|credential|cookie/i

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_HEADER_WORDS.test(name)
}

export const REDACTED = '[redacted]'

/** A JSON member named like a credential, its string value closed or cut off by a preview's end. */
const SECRET_MEMBER = new RegExp(
  `"(${SECRET_FIELDS.join('|')})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*(?:"|$)`,
  'gi',
)

/** The text with each credential-named JSON member's string value replaced by `replacement(name)`. */
export function replaceSecretMembers(text: string, replacement: (name: string) => string): string {
  return text.replace(
    SECRET_MEMBER,
    (_, name: string, colon: string) => `"${name}"${colon}"${replacement(name)}"`,
  )
}

/** A compact JWT (JWS): three base64url parts, the first a JSON header (`{"` is `eyJ`). */
const JWT = String.raw`eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*`
/** A REDCap API token (32 hex digits) or super token (64), standing alone. */
const REDCAP_TOKEN = String.raw`\b(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{32})\b`
const PEM_PRIVATE_KEY = String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)`

const JWT_SHAPE = new RegExp(JWT, 'g')
const REDCAP_TOKEN_SHAPE = new RegExp(REDCAP_TOKEN, 'g')

/** The text with every JWT replaced. */
export function replaceJwts(text: string, replacement: string): string {
  return text.replace(JWT_SHAPE, replacement)
}

/** The text with every REDCap-token-shaped value (32 or 64 hex digits standing alone) replaced. */
export function replaceRedcapTokens(text: string, replacement: string): string {
  return text.replace(REDCAP_TOKEN_SHAPE, replacement)
}

/**
 * Credential shapes: a JWT (Redox and Epicollect5 tokens, Redox assertions), a REDCap API token
 * or super token, and a PEM private key.
 */
const CREDENTIAL_SHAPES = new RegExp(`${JWT}|${REDCAP_TOKEN}|${PEM_PRIVATE_KEY}`, 'g')

/**
 * A JSON member whose name ends like a credential's (`api_token`, `client_secret`, `apiKey`):
 * what an upstream's answer may carry under names standin never chose.
 */
const CREDENTIAL_LIKE_MEMBER =
  /"([A-Za-z_]*(?:token|secret|password|passwd|assertion|api_?key))"(\s*:\s*)"(?:[^"\\]|\\.)*"/gi

/** The text with each JSON member named like a credential replaced by `replacement(name)`. */
export function replaceCredentialLikeMembers(
  text: string,
  replacement: (name: string) => string,
): string {
  return text.replace(
    CREDENTIAL_LIKE_MEMBER,
    (_, name: string, colon: string) => `"${name}"${colon}"${replacement(name)}"`,
  )
}

/** The text with every credential-named JSON member and every credential-shaped value replaced. */
export function redactText(text: string): string {
  return replaceSecretMembers(text, () => REDACTED).replace(CREDENTIAL_SHAPES, REDACTED)
}

/**
 * A URL (or a path with its query) as standin may show it: each credential-named query
 * parameter's value redacted, and credential-shaped text anywhere in it.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?')
  if (at === -1) return redactText(url)
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq === -1) return redactText(pair)
      const name = pair.slice(0, eq)
      return isSecretField(decodedName(name)) ? `${name}=${REDACTED}` : redactText(pair)
    })
  return `${redactText(url.slice(0, at))}?${query.join('&')}`
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '))
  } catch {
    return name
  }
}
