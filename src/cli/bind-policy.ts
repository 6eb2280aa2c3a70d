/**
 * Safe defaults for where standin listens. It binds loopback unless told otherwise; binding any
 * other address exposes the control plane (clock, credentials, scenario loads) to other machines,
 * so that needs an admin token, which the control plane then demands.
 */
import { isLoopbackHost } from '../core/hosts.js'
import { unguessableSeed } from '../core/random.js'

export const ADMIN_TOKEN_ENV = 'STANDIN_ADMIN_TOKEN'
export const ALLOWED_HOSTS_ENV = 'STANDIN_ALLOWED_HOSTS'
/** Long enough that guessing it over the network is not a plan. */
export const MIN_ADMIN_TOKEN_LENGTH = 16

/**
 * The admin token from `--admin-token` or the environment, checked against the host to bind.
 * Throws one line (the CLI prints it and exits 2) when the combination is unsafe.
 */
export function resolveAdminToken(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  host: string,
): string | undefined {
  const token = flag ?? (env[ADMIN_TOKEN_ENV] || undefined)
  if (token !== undefined && token.trim().length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `Failed to start: the admin token must be at least ${String(MIN_ADMIN_TOKEN_LENGTH)} characters long.`,
    )
  }
  if (token === undefined && !isLoopbackHost(host)) {
    throw new Error(
      `Failed to start: binding ${host} would expose the control plane to other machines. Set an admin token with --admin-token or ${ADMIN_TOKEN_ENV}, or bind 127.0.0.1.`,
    )
  }
  return token?.trim()
}

/** Host names to answer besides loopback: the config file's, the flags' and the environment's. */
export function resolveAllowedHosts(
  fromConfig: readonly string[],
  flags: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const fromEnv = (env[ALLOWED_HOSTS_ENV] ?? '').split(',')
  return [...new Set([...fromConfig, ...flags, ...fromEnv].map((h) => h.trim()).filter(Boolean))]
}

/**
 * The seed to start with. On loopback, the one given, else the scenario's (secrets repeat from run
 * to run, which tests want). Off loopback others can call the token endpoints, and secrets from a
 * published seed would be theirs to predict: an unset seed is drawn at random instead.
 */
export function resolveSeed(
  flag: number | string | undefined,
  host: string,
): number | string | undefined {
  return flag ?? (isLoopbackHost(host) ? undefined : unguessableSeed())
}
