import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runBin } from '../../support/cli.js'
import { outcome, serveScenario } from './support.js'

const FILES = readdirSync(new URL('../../../scenarios/', import.meta.url)).filter(
  (f) => /\.(ya?ml|json)$/.test(f) && f !== 'schema.json',
)

describe('the scenario library', () => {
  it.each(FILES)('validates scenarios/%s', async (file) => {
    const run = runBin(['validate', `scenarios/${file}`])
    expect(await run.exit).toBe(0)
    expect(run.stdout()).toBe(`scenarios/${file}: ok\n`)
  })

  it('lists every scenario with its description', async () => {
    const run = runBin(['scenarios'])
    expect(await run.exit).toBe(0)
    const names = run
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s+/)[0])
    expect(names.sort()).toEqual(FILES.map((f) => f.replace(/\.(ya?ml|json)$/, '')).sort())
  })

  it('default: the README credentials of all three providers work', async () => {
    const s = await serveScenario('default')
    const redcap = await fetch(`${s.url}/redcap/api/`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'ABCDEF0123456789ABCDEF0123456789', content: 'version' }),
    })
    expect(await outcome(redcap)).toEqual({ status: 200, body: '15.7.6' })
    const epicollect = await fetch(`${s.url}/epicollect/api/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: '153',
        client_secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG',
      }),
    })
    expect(epicollect.status).toBe(200)
    expect(((await epicollect.json()) as { expires_in: number }).expires_in).toBe(7200)
  })
})
