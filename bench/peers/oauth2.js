// @ts-check
/**
 * oauth2-mock-server as a peer: an RS256 key, its token endpoint (`POST /token`) on a free loopback
 * port, and one ready line in the shape the bench waits for. Only started by `--peers`, and only
 * when the package is installed.
 */
import { OAuth2Server } from 'oauth2-mock-server'

const server = new OAuth2Server()
await server.issuer.keys.generate('RS256')
await server.start(0, '127.0.0.1')
process.stdout.write(`oauth2-mock-server listening on ${String(server.issuer.url)}\n`)
