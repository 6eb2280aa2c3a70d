/**
 * fast-check arbitraries for the garbage clients send on purpose: malformed bodies and content
 * types, broken JWTs, PHP-array form keys, oversized fields, unicode, CSV/XML injection.
 */
import fc from 'fast-check'

/**
 * Payloads shaped like the real ones (the control API of the design document, the providers'
 * token and data requests). Mutating one field of these reaches validation and domain code that
 * random objects rarely get past.
 */
export const NEAR_VALID: readonly Readonly<Record<string, unknown>>[] = [
  { advance: 301 },
  { set: '2026-01-15T09:00:00Z' },
  { freeze: true },
  { name: 'default' },
  { username: 'alice' },
  { name: 'app', region: 'us' },
  { name: 'key', jwksUrl: 'http://127.0.0.1:9/jwks' },
  { name: 'key', jwks: { keys: [{ kty: 'RSA', kid: 'k', n: 'AQAB', e: 'AQAB' }] } },
  { providers: {}, clock: { start: '2026-01-15T09:00:00Z' }, seed: 1 },
  { grant_type: 'client_credentials', client_id: '1', client_secret: 'x'.repeat(40) },
  {
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: 'a.b.c',
  },
  { token: '0'.repeat(32), content: 'record', format: 'json', type: 'flat', returnFormat: 'json' },
  { token: '0'.repeat(32), content: 'record', action: 'import', data: '[]' },
  { per_page: 50, page: 1, form_ref: 'f', branch_ref: '', map_index: 0, sort_order: 'DESC' },
  { _id: 'p', identifier: 'x', given: 'Ana', family: 'Lima', birthdate: '1990-01-01' },
]

/** Every field name above: garbage under a real name reaches real parsing code. */
export const KNOWN_KEYS = [...new Set(NEAR_VALID.flatMap((o) => Object.keys(o)))]

export const INJECTIONS = [
  `=cmd|' /C calc'!A0`,
  '+SUM(1+1)',
  '-2+3',
  '@SUM(A1:A2)',
  '"\n"=1,2',
  '\t=1',
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
  ']]><x>',
  '</error><error>x',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '\u0000',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '\r\nX-Injected: 1',
  '%zz',
  '&&&',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '99999999999999999999',
] as const

const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

/** A JSON value of any type, including the huge and odd numbers parsers trip on. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      1e308,
      -1e308,
      2 ** 53 + 1,
      8.64e15,
      1e11,
      -1e11,
      -1,
      0,
      1.5,
      '',
      true,
      null,
      [],
      {},
    ),
  },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
)

export type Example = Readonly<Record<string, unknown>>

/** A form field's text: strings as they are, anything else as JSON (some objects have no String()). */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))

/** A real-shaped payload with one field replaced (mostly), removed or joined by a stranger. */
function nearValid(examples: readonly Example[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.constantFrom(...examples),
      fc.constantFrom(...KNOWN_KEYS),
      anyValue,
      fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add'),
      fc.nat(),
    )
    .map(([example, stranger, value, how, pick]) => {
      const copy: Record<string, unknown> = { ...example }
      const keys = Object.keys(copy)
      const field = how === 'add' ? stranger : (keys[pick % Math.max(keys.length, 1)] ?? stranger)
      if (how === 'delete') Reflect.deleteProperty(copy, field)
      else copy[field] = value
      return copy
    })
}

export const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom('\u202e', '\ufeff', 'ｔｏｋｅｎ', '🧪'.repeat(40), 'é'.normalize('NFD')),
)

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: unicodeText },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
)

/** Form keys as PHP reads them: `a[]`, `a[b][c]`, prototype-polluting names, unbalanced brackets. */
const phpKey = fc.oneof(
  fc.constantFrom(...KNOWN_KEYS),
  fc
    .constantFrom(...KNOWN_KEYS)
    .chain((k) =>
      fc.constantFrom(`${k}[]`, `${k}[0]`, `${k}[a][b]`, `${k}[`, `${k}]`, `${k}${'['.repeat(64)}`),
    ),
  fc.constantFrom('[]', '__proto__[x]', 'constructor[prototype][x]', 'a[__proto__][b]', '', '='),
)

const formBody = (examples: readonly Example[]) =>
  fc.oneof(
    nearValid(examples).map((o) =>
      Object.entries(o)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(asText(v))}`)
        .join('&'),
    ),
    fc
      .array(fc.tuple(phpKey, hostileText, fc.boolean()), { maxLength: 16 })
      .map((pairs) =>
        pairs
          .map(([k, v, encode]) =>
            encode ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`,
          )
          .join('&'),
      ),
    fc
      .integer({ min: 500, max: 5_000 })
      .map((n) => Array.from({ length: n }, (_, i) => `k${String(i)}[]=${String(i)}`).join('&')),
  )

const jsonBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  {
    weight: 4,
    arbitrary: fc
      .dictionary(fc.constantFrom(...KNOWN_KEYS), anyValue, { maxKeys: 3 })
      .map((o) => JSON.stringify(o)),
  },
  fc.json().map((s) => s.slice(0, Math.max(0, s.length - 1))),
  fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"__proto__":{"polluted":1}}', '[[[[[[[[[[[[[[[['),
  fc.integer({ min: 100, max: 3_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
)

const multipartBody = fc.constantFrom(
  '--x\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc\r\n--x--\r\n',
  '--x\r\nContent-Disposition: form-data; name="token[]"; filename="../../x"\r\n\r\n\u0000\r\n--x--',
  '--x\r\n\r\n',
  '--\r\n',
  'not multipart at all',
)

/** Bodies for a route; `examples` are the real-shaped payloads the route accepted, if any. */
export const bodyFor = (examples: readonly Example[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: nearValid(examples).map((o) => JSON.stringify(o)) },
    { weight: 3, arbitrary: jsonBody },
    { weight: 2, arbitrary: formBody(examples) },
    { weight: 1, arbitrary: multipartBody },
    { weight: 1, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.constant('') },
  )

export const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=x',
    'text/plain',
    'text/csv',
    'application/xml',
    'application/vnd.api+json',
    'application/fhir+json',
    'application/json; charset=utf-16',
    'application/x-www-form-urlencoded; charset=binary',
    '*/*',
    ';;;',
  ),
  { nil: undefined },
)

const jwtPart = fc.oneof(
  fc.json({ maxDepth: 2 }).map(b64url),
  fc.string({ maxLength: 30 }).map(b64url),
  fc.constantFrom('', '!!!', '@@@', '%%%', '====', 'e30'),
)

const claims = fc.record(
  {
    iss: anyValue,
    sub: anyValue,
    aud: anyValue,
    exp: anyValue,
    iat: anyValue,
    nbf: anyValue,
    jti: anyValue,
  },
  { requiredKeys: [] },
)

/** Tokens that look like JWTs and are not: wrong parts, `alg: none`, huge headers, odd claims. */
export const brokenJwt: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(jwtPart, jwtPart, jwtPart).map((parts) => parts.join('.')),
  claims.map((c) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(c)}.`),
  claims.map((c) => `${b64url({ alg: 'RS384', kid: 'k' })}.${b64url(c)}.${b64url('sig')}`),
  fc
    .integer({ min: 1_000, max: 8_000 })
    .map((n) => `${b64url({ alg: 'RS384', kid: 'k'.repeat(n) })}.e30.c2ln`),
  fc.constantFrom('a.b', '....', 'a.b.c.d.e', 'eyJhbGciOiJub25lIn0', 'null'),
)

/** Header values must be Latin-1 without CR/LF; anything else the transport refuses first. */
const latin1 = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 80,
})

export const authorization = fc.option(
  fc.oneof(
    brokenJwt.map((t) => `Bearer ${t}`),
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic',
      'Basic !!!',
      `Basic ${b64url('a:b')}`,
      'Digest x',
    ),
    latin1,
  ),
  { nil: undefined },
)

export const accept = fc.option(
  fc.constantFrom('application/json', 'application/xml', 'text/csv', '*/*', 'image/png', ''),
  { nil: undefined },
)

/** What a path parameter or extra path segment may be. */
export const pathSegment = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom('1', '0', '-1', '..', '.', '%2e%2e', 'token', 'default'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 300, max: 4_000 }).map((n) => 'p'.repeat(n)),
)

export const query = fc.option(
  fc.array(
    fc.tuple(
      phpKey,
      hostileText.filter((v) => v.length < 2_000),
    ),
    { maxLength: 6 },
  ),
  { nil: undefined },
)

export const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS')
