import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { spawnStandin } from '../support/cli.js'

describe('standin command with the dashboard', () => {
  it('serves the dashboard from the built package', async () => {
    const standin = await spawnStandin([])
    try {
      const page = await fetch(`${standin.url}/_standin/ui/`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<title>standin dashboard</title>')
      const script = await fetch(`${standin.url}/_standin/ui/app.js`)
      expect([script.status, script.headers.get('content-type')]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ])
    } finally {
      await standin.stop()
    }
  })

  it.each(['the root world', 'a session'])(
    "ends %s's open event stream on SIGTERM and exits 0 without waiting for the drain timeout",
    async (world) => {
      const standin = await spawnStandin([])
      const base =
        world === 'a session'
          ? (
              (await (
                await fetch(`${standin.url}/_standin/sessions`, { method: 'POST', body: '{}' })
              ).json()) as { baseUrl: string }
            ).baseUrl
          : standin.url
      const response = await fetch(`${base}/_standin/events`)
      const reader = response.body!.getReader()
      const first = new TextDecoder().decode((await reader.read()).value)
      expect(first).toMatch(/^event: ready\n/)
      const started = performance.now()
      const code = await standin.stop('SIGTERM')
      const elapsed = performance.now() - started
      expect(code).toBe(0)
      expect(elapsed).toBeLessThan(3_000)
      await expect(reader.read()).rejects.toThrow()
    },
  )
})
