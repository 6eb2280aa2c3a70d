import { describe, expect, it } from 'vitest'
import { runBin, spawnStandin } from '../support/cli.js'
import { rawRequest } from '../support/raw-http.js'

describe('the command and its exposure', () => {
  it('says in --help that a token flag shows in ps, and names the environment variables', async () => {
    const help = runBin(['--help'])
    expect(await help.exit).toBe(0)
    const text = help.stdout()
    expect(text).toContain('visible to other users in `ps`: prefer STANDIN_ADMIN_TOKEN')
    expect(text).toContain('--allowed-host NAME')
    expect(text).toContain('STANDIN_ALLOWED_HOSTS')
  })

  it('listens on [::1] given --host [::1], and answers there', async () => {
    const standin = await spawnStandin(['--host', '[::1]'])
    try {
      expect(standin.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
      const health = await fetch(`${standin.url}/_standin/health`)
      expect(health.status).toBe(200)
    } finally {
      await standin.stop()
    }
  })

  it('answers the hosts --allowed-host and STANDIN_ALLOWED_HOSTS name, and no other', async () => {
    const standin = await spawnStandin(['--allowed-host', 'standin.test'], {
      env: { STANDIN_ALLOWED_HOSTS: 'other.test, third.test' },
    })
    try {
      for (const [host, status] of [
        ['standin.test:4010', 200],
        ['other.test', 200],
        ['third.test:1', 200],
        ['attacker.test', 403],
      ] as const) {
        const answer = await rawRequest(standin.url, '/_standin/state', { headers: { host } })
        expect([host, answer.status]).toEqual([host, status])
      }
    } finally {
      await standin.stop()
    }
  })
})
