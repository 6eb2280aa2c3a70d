/**
 * The proxy's ports at the Node edge: credential references read from the environment and files,
 * assertion ids from node:crypto, and the node:http transport.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { SecretReader } from '../proxy/credentials.js'
import type { ProxyOptions } from '../proxy/runtime.js'
import { createHttpTransport } from './http-transport.js'

/** Reads `{ env: NAME }` from `env` and `{ file: PATH }` relative to the working directory. */
export function nodeSecretReader(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SecretReader {
  return {
    env: (name) => env[name],
    file: (path) => readFileSync(resolve(path), 'utf8'),
  }
}

export function nodeProxyPorts(): ProxyOptions {
  return {
    transport: createHttpTransport().transport,
    secrets: nodeSecretReader(),
    nonce: () => randomBytes(16).toString('hex'),
  }
}
