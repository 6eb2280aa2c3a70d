/**
 * Values that differ on every call or every server and so say nothing about fidelity: ids,
 * timestamps, tokens, URLs that name a host, and the placeholders recordings hold for secrets.
 */

/** Member names whose values are volatile wherever they appear. */
const VOLATILE_KEYS = new Set([
  'id',
  'uuid',
  'ec5_uuid',
  'jti',
  'iat',
  'exp',
  'nbf',
  'fullurl',
  'lastupdated',
  'versionid',
  'timestamp',
  'access_token',
  'token',
  'etag',
  'created_at',
  'updated_at',
  'uploaded_at',
  'expires_at',
  'issued_at',
])

const VOLATILE_VALUES = [
  /^\{\{[\w.-]+\}\}$/, // a recording's placeholder for a secret
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, // a date and time
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // a UUID
  /^[0-9a-f]{32,}$/i, // a token or hash
  /^[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}$/, // a JWT
  /^https?:\/\//, // a URL: names the host it was served from
]

export function isVolatileKey(key: string): boolean {
  return VOLATILE_KEYS.has(key.toLowerCase())
}

export function isVolatileValue(value: unknown): boolean {
  return typeof value === 'string' && VOLATILE_VALUES.some((pattern) => pattern.test(value))
}
