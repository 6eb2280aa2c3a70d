import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBin } from '../support/cli.js'

describe('standin validate on a proxy config', () => {
  it('names every problem with file and dotted path and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-config-'))
    const file = join(dir, 'standin.config.yaml')
    writeFileSync(
      file,
      [
        'routes:',
        '  - { provider: epicollect, path: /api/export/**, mode: proxy }',
        'upstreams:',
        '  epicollect: { url: https://five.epicollect.net }',
        'credentials:',
        '  epicollect: { clientId: { env: EC5_CLIENT_ID }, clientSecret: s3cr3t }',
        '',
      ].join('\n'),
    )
    const run = runBin(['validate', file])
    expect(await run.exit).toBe(1)
    expect(run.stdout().trimEnd().split('\n')).toEqual([
      `${file}:6:51: credentials.epicollect.clientSecret: must be a reference, { env: NAME } or { file: PATH }; standin never takes a credential value`,
    ])
  })

  it('passes a config whose proxied routes have upstreams and credential references', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-config-'))
    const file = join(dir, 'standin.config.json')
    writeFileSync(
      file,
      JSON.stringify({
        routes: [{ provider: 'redcap', path: '/api/', mode: 'record' }],
        upstreams: { redcap: { url: 'https://redcap.example.edu/redcap' } },
        credentials: { redcap: { token: { env: 'REDCAP_TOKEN' } } },
      }),
    )
    const run = runBin(['validate', file])
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toBe(`${file}: ok\n`)
  })
})
