/**
 * What standin treats as a secret wherever it keeps a copy of a request or response (the journal,
 * recordings): fields that carry credentials by name, headers that carry them, and the shapes its
 * providers' credentials take, so a secret sent under an unexpected name is still caught.
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
  'x-standin-admin-token',
])

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase())
}

export const REDACTED = '[redacted]'

/** A JSON member named like a credential, its string value closed or cut off by a preview's end. */
const SECRET_MEMBER = new RegExp(
  `"(${SECRET_FIELDS.join('|')})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*(?:"|$)`,
  'gi',
)

/**
 * Credential shapes: a JWT (Redox and Epicollect5 tokens, Redox assertions), a REDCap API token
 * (32 hex digits) or super token (64), and a PEM private key.
 */
const CREDENTIAL_SHAPES =
  /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*|\b[0-9A-Fa-f]{64}\b|\b[0-9A-Fa-f]{32}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g

/** The text with every credential-named JSON member and every credential-shaped value replaced. */
export function redactText(text: string): string {
  return text
    .replace(SECRET_MEMBER, (_, name: string, colon: string) => `"${name}"${colon}"${REDACTED}"`)
    .replace(CREDENTIAL_SHAPES, REDACTED)
}
