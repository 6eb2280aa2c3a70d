// @ts-check
/**
 * A case's limit floor: node:http doing the irreducible work of that case and nothing else. It
 * reads a JSON spec (argv[2]) written by the bench at the start of the run from standin's own
 * answer to the case's request:
 *
 * - `replay`: read the request, write the captured status, content type and body bytes;
 * - `form`:   also parse the urlencoded body (the REDCap bad-token case: REDCap reads the form
 *             before it can refuse the token);
 * - `token`:  parse the form, verify the RS384 client assertion with node:crypto and a key imported
 *             once at start, check its `aud` and `exp`, then write the captured token JSON.
 *
 * A request the floor would refuse (bad signature, missing assertion) gets a 400, so a wrong load
 * request shows up as unexpected answers instead of a fast floor.
 */
import { createPublicKey, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

/**
 * @typedef {object} LimitSpec
 * @property {'replay' | 'form' | 'token'} mode
 * @property {number} status
 * @property {string} contentType
 * @property {string} body  base64 of the body bytes
 * @property {import('node:crypto').JsonWebKey} [publicJwk]  the client's key (token mode)
 */

const file = process.argv[2]
if (file === undefined) throw new Error('usage: limit.js SPEC.json')
const spec = /** @type {LimitSpec} */ (JSON.parse(readFileSync(file, 'utf8')))
const body = Buffer.from(spec.body, 'base64')
const headers = { 'content-type': spec.contentType, 'content-length': String(body.length) }
const key =
  spec.mode === 'token' && spec.publicJwk
    ? createPublicKey({ key: spec.publicJwk, format: 'jwk' })
    : undefined

/** @param {string} form */
function assertionValid(form) {
  const assertion = new URLSearchParams(form).get('client_assertion') ?? ''
  const [header, payload, signature] = assertion.split('.')
  if (header === undefined || payload === undefined || signature === undefined || !key) return false
  const signed = verify(
    'sha384',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  )
  if (!signed) return false
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  return (
    typeof claims.aud === 'string' && (claims.exp === undefined || typeof claims.exp === 'number')
  )
}

const server = createServer((req, res) => {
  /** @type {Buffer[]} */
  const chunks = []
  req.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk))
  req.on('end', () => {
    if (spec.mode !== 'replay') {
      const form = Buffer.concat(chunks).toString('utf8')
      const ok =
        spec.mode === 'token' ? assertionValid(form) : new URLSearchParams(form).has('token')
      if (!ok) {
        res.writeHead(400, { 'content-length': '0' })
        res.end()
        return
      }
    }
    res.writeHead(spec.status, headers)
    res.end(body)
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(`limit floor listening on http://127.0.0.1:${String(port)}\n`)
})
