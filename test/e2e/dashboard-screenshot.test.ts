/**
 * `npm run screenshot`: the README's picture of the dashboard (docs/dashboard.png), taken with every
 * registered provider on the default scenario plus the echo provider for some traffic. It runs
 * only when STANDIN_SCREENSHOT names the file to write.
 */
import { describe, expect, it } from 'vitest'
import { providers } from '../../src/providers/index.js'
import { launchBrowser } from '../support/browser.js'
import { serveStandin } from '../support/dashboard.js'
import { echoProvider } from '../support/echo-provider.js'

const target = process.env.STANDIN_SCREENSHOT
/** STANDIN_SCREENSHOT_WIDTH=390 shows the narrow layout. */
const width = Number(process.env.STANDIN_SCREENSHOT_WIDTH ?? 1280)

describe.runIf(target)('README screenshot', () => {
  it('captures the dashboard with a little traffic', async () => {
    const standin = await serveStandin({
      providers: [...providers, echoProvider],
      scenario: 'default',
    })
    const browser = await launchBrowser()
    try {
      await standin.control('clock', { set: '2026-03-01T08:00:00Z', freeze: true })
      const issue = async (subject: string) => {
        const response = await standin.fetch('/echo/token', {
          method: 'POST',
          body: new URLSearchParams({ subject }),
        })
        return ((await response.json()) as { token: string }).token
      }
      const call = (token: string) =>
        standin.fetch('/echo/data', { headers: { authorization: `Bearer ${token}` } })
      const ana = await issue('ana')
      await call(ana)
      await standin.control('clock', { advance: 45 })
      const ben = await issue('ben')
      await call(ben)
      await call('not-a-token')
      await standin.fetch('/echo/nowhere')
      const tokens = (await standin.control('tokens')) as {
        tokens: { id: string; subject: string }[]
      }
      const benId = tokens.tokens.find((t) => t.subject === 'ben')!.id
      await standin.control(`tokens/${benId}/revoke`, {})
      await call(ben)
      await standin.control('clock', { advance: 30 })
      await call(ana)
      await issue('cy')

      const page = await browser.context.newPage()
      await page.setViewportSize({ width, height: 1000 })
      await page.goto(`${standin.url}/_standin/ui/`)
      await page.locator('body[data-ready="true"]').waitFor()
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
      await page.locator('#journal-list > li').nth(5).waitFor()
      await page.screenshot({ path: target!, fullPage: true })
      expect(target).toMatch(/\.png$/)
    } finally {
      await browser.close()
      await standin.close()
    }
  })
})
