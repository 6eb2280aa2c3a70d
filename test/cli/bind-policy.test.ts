import { describe, expect, it } from 'vitest'
import { resolveAdminToken, resolveAllowedHosts, resolveSeed } from '../../src/cli/bind-policy.js'
import { isLoopbackHost } from '../../src/core/hosts.js'

const TOKEN = '0123456789abcdef'

describe('bind policy', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['example.test', false],
    ['128.0.0.1', false],
  ])('treats %s as loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })

  it('needs no token on loopback', () => {
    expect(resolveAdminToken(undefined, {}, '127.0.0.1')).toBeUndefined()
  })

  it('refuses a non-loopback bind without a token in one line', () => {
    expect(() => resolveAdminToken(undefined, {}, '0.0.0.0')).toThrow(
      'Failed to start: binding 0.0.0.0 would expose the control plane to other machines. Set an admin token with --admin-token or STANDIN_ADMIN_TOKEN, or bind 127.0.0.1.',
    )
  })

  it.each([
    ['the flag', TOKEN, {}],
    ['the environment', undefined, { STANDIN_ADMIN_TOKEN: TOKEN }],
  ])('accepts a non-loopback bind with a token from %s', (_from, flag, env) => {
    expect(resolveAdminToken(flag, env, '0.0.0.0')).toBe(TOKEN)
  })

  it('prefers the flag to the environment', () => {
    expect(resolveAdminToken(TOKEN, { STANDIN_ADMIN_TOKEN: 'x'.repeat(20) }, '::')).toBe(TOKEN)
  })

  it('treats an empty environment variable as unset', () => {
    expect(resolveAdminToken(undefined, { STANDIN_ADMIN_TOKEN: '' }, '127.0.0.1')).toBeUndefined()
  })

  it('refuses a short token', () => {
    expect(() => resolveAdminToken('short', {}, '127.0.0.1')).toThrow(
      'Failed to start: the admin token must be at least 16 characters long.',
    )
  })
})

describe('the seed a start uses', () => {
  it('keeps the given seed, and the scenario seed on loopback', () => {
    expect(resolveSeed(7, '0.0.0.0')).toBe(7)
    expect(resolveSeed('fixed', '::1')).toBe('fixed')
    expect(resolveSeed(undefined, '127.0.0.1')).toBeUndefined()
    expect(resolveSeed(undefined, '[::1]')).toBeUndefined()
  })

  it('draws an unguessable seed when bound off loopback without one', () => {
    const one = resolveSeed(undefined, '0.0.0.0')
    const two = resolveSeed(undefined, '192.0.2.10')
    expect(one).toMatch(/^[0-9a-f]{32}$/)
    expect(two).toMatch(/^[0-9a-f]{32}$/)
    expect(one).not.toBe(two)
  })
})

describe('allowed hosts', () => {
  it('joins the config file, the flags and STANDIN_ALLOWED_HOSTS, without blanks or repeats', () => {
    expect(
      resolveAllowedHosts(['a.test'], ['b.test', 'a.test'], {
        STANDIN_ALLOWED_HOSTS: ' c.test, ,b.test',
      }),
    ).toEqual(['a.test', 'b.test', 'c.test'])
    expect(resolveAllowedHosts([], [], {})).toEqual([])
  })
})
