/**
 * Safe defaults for where standin listens. It binds loopback unless told otherwise; binding any
 * other address exposes the control plane (clock, credentials, scenario loads) to other machines,
 * so that needs an admin token, which the control plane then demands.
 */

export const ADMIN_TOKEN_ENV = 'STANDIN_ADMIN_TOKEN'
/** Long enough that guessing it over the network is not a plan. */
export const MIN_ADMIN_TOKEN_LENGTH = 16

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  )
}

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
