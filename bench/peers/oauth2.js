// @ts-check
/**
 * oauth2-mock-server as a peer: an RS256 key, its token endpoint (`POST /token`) on a free loopback
 * port, and one ready line in the shape the bench waits for. Only started by `--peers`, and only
 * when the package is installed.
 */
// Not a dependency: imported by name so the type check does not need it installed.
const PACKAGE = 'oauth2-mock-server'
const { OAuth2Server } = /** @type {any} */ (await import(PACKAGE))
const server = new OAuth2Server()
await server.issuer.keys.generate('RS256')
await server.start(0, '127.0.0.1')
// The issuer names localhost; the bench reaches every server on 127.0.0.1.
const url = new URL(String(server.issuer.url))
url.hostname = '127.0.0.1'
process.stdout.write(`oauth2-mock-server listening on ${url.origin}\n`)
