import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { parseConfig } from '../../src/config/load.js'
import { ScenarioError } from '../../src/core/data-text.js'
import { proxySettingsFrom } from '../../src/proxy/settings.js'

const FILE = 'standin.config.yaml'

function problemsOf(config: unknown): string[] {
  try {
    parseConfig(stringify(config), FILE)
    return []
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error
    return error.problems.map((p) => `${FILE}: ${p.path}: ${p.message}`)
  }
}

const GOOD = {
  routes: [
    { provider: 'epicollect', path: '/api/export/**', mode: 'proxy' },
    { provider: 'redox', mode: 'record' },
    { provider: 'redcap', path: '/api/', mode: 'replay' },
  ],
  upstreams: {
    epicollect: { url: 'https://five.epicollect.net' },
    redox: { url: 'https://api.redoxengine.com', timeoutMs: 60000 },
    redoxCa: { url: 'https://api.ca.redoxengine.com' },
  },
  credentials: {
    epicollect: { clientId: { env: 'EC5_CLIENT_ID' }, clientSecret: { env: 'EC5_CLIENT_SECRET' } },
    redox: { clientId: { env: 'REDOX_CLIENT_ID' }, privateKey: { file: 'secrets/redox.json' } },
    redoxCa: {
      clientId: { env: 'REDOX_CA_CLIENT_ID' },
      kid: { env: 'REDOX_CA_KID' },
      privateKey: { env: 'REDOX_CA_KEY' },
    },
  },
}

describe('proxy config', () => {
  it('accepts routes, upstreams and credential references', () => {
    expect(problemsOf(GOOD)).toEqual([])
  })

  it('reads upstreams per mount, with the default timeout and path pattern', () => {
    const settings = proxySettingsFrom(parseConfig(stringify(GOOD), FILE))
    expect(settings.routes[1]).toEqual({ provider: 'redox', path: '/**', mode: 'record' })
    expect(settings.upstreams.map((u) => [u.key, u.mount, u.timeoutMs])).toEqual([
      ['epicollect', '/epicollect', 30000],
      ['redox', '/redox', 60000],
      ['redoxCa', '/redox-ca', 30000],
    ])
  })

  it.each([
    [
      'a credential given as a value',
      { credentials: { redcap: { token: '0123456789ABCDEF0123456789ABCDEF' } } },
      [
        `${FILE}: credentials.redcap.token: must be a reference, { env: NAME } or { file: PATH }; standin never takes a credential value`,
      ],
    ],
    [
      'a proxied route without an upstream',
      { routes: [{ provider: 'redox', path: '/fhir/**', mode: 'proxy' }] },
      [
        `${FILE}: routes[0].mode: "proxy" forwards to the real redox, so it needs upstreams.redox or upstreams.redoxCa`,
      ],
    ],
    [
      'a recorded route whose upstream has no credentials',
      {
        routes: [{ provider: 'redcap', mode: 'record' }],
        upstreams: { redcap: { url: 'https://redcap.example.edu/redcap' } },
      },
      [
        `${FILE}: credentials.redcap: is required: routes[0] forwards to upstreams.redcap, and standin swaps in these credentials`,
      ],
    ],
    [
      'an unknown provider, mode and upstream, and a bad URL',
      {
        routes: [{ provider: 'redcapx', mode: 'mirror', path: 'api' }],
        upstreams: { redcap: { url: 'ftp://host' }, fhir: { url: 'https://x' } },
      },
      [
        `${FILE}: routes[0].provider: Invalid option: expected one of "redcap"|"epicollect"|"redox"`,
        `${FILE}: routes[0].path: must start with "/"`,
        `${FILE}: routes[0].mode: Invalid option: expected one of "mock"|"proxy"|"record"|"replay"`,
        `${FILE}: upstreams.redcap.url: must be an http(s) URL`,
        `${FILE}: upstreams: unknown key "fhir"`,
      ],
    ],
    [
      'a Redox credential without its private key',
      {
        credentials: { redox: { clientId: { env: 'ID' }, kid: { env: 'not a name' } } },
      },
      [
        `${FILE}: credentials.redox.kid.env: must be an environment variable name`,
        `${FILE}: credentials.redox.privateKey: is required`,
      ],
    ],
  ])('reports %s with file and dotted path', (_, config, expected) => {
    expect(problemsOf(config)).toEqual(expected)
  })
})
