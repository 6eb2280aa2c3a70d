import { describe, expect, it } from 'vitest'
import { compileRoutes, decideRoute } from '../../src/proxy/decide.js'
import { compilePathPattern } from '../../src/core/path-pattern.js'
import type { ProxySettings, UpstreamSettings } from '../../src/proxy/settings.js'

const token = { env: 'REDOX_CLIENT_ID' }
const redoxUs: UpstreamSettings = {
  key: 'redox',
  provider: 'redox',
  mount: '/redox',
  url: 'https://api.redoxengine.com',
  timeoutMs: 1000,
  credentials: { clientId: token },
}
const epicollect: UpstreamSettings = {
  key: 'epicollect',
  provider: 'epicollect',
  mount: '/epicollect',
  url: 'https://five.epicollect.net',
  timeoutMs: 1000,
  credentials: { clientId: { env: 'EC5_ID' } },
}

const settings: ProxySettings = {
  routes: [
    { provider: 'epicollect', path: '/api/export/media/**', mode: 'mock' },
    { provider: 'epicollect', path: '/api/export/**', mode: 'record' },
    { provider: 'redox', path: '/fhir/R4/*/Development/**', mode: 'proxy' },
    { provider: 'redcap', path: '/api/', mode: 'replay' },
    { provider: 'redox', path: '/**', mode: 'replay' },
  ],
  upstreams: [redoxUs, epicollect],
}
const table = compileRoutes(settings, {
  epicollect: ['/api/oauth/token'],
  redox: ['/v2/auth/token'],
})

describe('decideRoute', () => {
  it.each([
    ['epicollect', '/epicollect', '/api/export/entries/ec5-demo', 'record'],
    ['epicollect', '/epicollect', '/api/export', 'record'],
    ['epicollect', '/epicollect', '/api/export/media/ec5-demo', 'mock'],
    ['epicollect', '/epicollect', '/api/projects/demo', 'mock'],
    ['epicollect', '/epicollect', '/api/oauth/token', 'mock'],
    ['redox', '/redox', '/fhir/R4/dest/Development/Patient/1', 'proxy'],
    ['redox', '/redox', '/fhir/R4/dest/Production/Patient/1', 'replay'],
    ['redox', '/redox', '/v2/auth/token', 'mock'],
    // No Canada upstream: the forwarding rule is skipped there and the next rule decides.
    ['redox-ca', '/redox-ca', '/fhir/R4/dest/Development/Patient/1', 'replay'],
    ['redcap', '/redcap', '/api/', 'replay'],
    ['redcap', '/redcap', '/api', 'mock'],
  ] as const)('decides %s %s%s as %s', (_, mount, path, kind) => {
    const provider = mount === '/redox-ca' ? 'redox' : (mount.slice(1) as 'redcap')
    expect(decideRoute(table, { provider, mount, path }).kind).toBe(kind)
  })

  it('names the upstream, its credential references and the recordings folder', () => {
    expect(
      decideRoute(table, { provider: 'redox', mount: '/redox', path: '/fhir/R4/d/Development/x' }),
    ).toEqual({ kind: 'proxy', upstream: redoxUs, credential: { clientId: token } })
    expect(
      decideRoute(table, {
        provider: 'epicollect',
        mount: '/epicollect',
        path: '/api/export/entries/x',
      }),
    ).toEqual({
      kind: 'record',
      upstream: epicollect,
      credential: epicollect.credentials,
      target: 'recordings/epicollect',
    })
  })

  it('simulates everything when there are no rules', () => {
    const empty = compileRoutes({ routes: [], upstreams: [] })
    expect(decideRoute(empty, { provider: 'redcap', mount: '/redcap', path: '/api/' })).toEqual({
      kind: 'mock',
    })
  })
})

describe('route patterns', () => {
  it.each([
    ['/api/', '/api/', true],
    ['/api/', '/api', false],
    ['/api/*', '/api/x', true],
    ['/api/*', '/api/x/y', false],
    ['/api/**', '/api', true],
    ['/api/**', '/api/x/y', true],
    ['/api/**', '/apix', false],
    ['/fhir/**/Patient', '/fhir/R4/a/Patient', true],
    ['/a.b', '/aXb', false],
    ['/**', '/', true],
  ])('pattern %s matches %s: %s', (pattern, path, expected) => {
    expect(compilePathPattern(pattern)(path)).toBe(expected)
  })
})
