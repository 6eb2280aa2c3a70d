/**
 * Where standin's own files (fixtures/, scenarios/, package.json) are, wherever it runs from.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** `dist/node/` or `src/node/` are two levels below the package root. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

let version: string | undefined

export function packageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string }
  ).version
  return version
}
