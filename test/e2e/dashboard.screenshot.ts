/**
 * `npm run screenshot`: the README's picture of the dashboard (docs/dashboard.png, the first 1500 px
 * of the page): the default scenario after a little traffic from each provider's client.
 * STANDIN_SCREENSHOT names another file to write, STANDIN_SCREENSHOT_WIDTH=390 shows a phone's width.
 */
import { describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.js'
import { openDashboard, type ServedStandin } from '../support/dashboard.js'
import { FHIR, PATIENT_ID, signAssertion, tokenForm } from '../providers/redox/support.js'

const target = process.env.STANDIN_SCREENSHOT ?? 'docs/dashboard.png'
const width = Number(process.env.STANDIN_SCREENSHOT_WIDTH ?? 1280)

/** A Redox client: a token for the default US key, then one FHIR read. */
async function redoxClient(standin: ServedStandin): Promise<() => Promise<Response>> {
  const clientId = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
  const assertion = await signAssertion({ clientId, aud: `${standin.url}/redox/v2/auth/token` })
  const grant = await standin.fetch('/redox/v2/auth/token', {
    method: 'POST',
    body: tokenForm(assertion),
  })
  const { access_token: token } = (await grant.json()) as { access_token: string }
  return () =>
    standin.fetch(`${FHIR}/Patient/${PATIENT_ID}`, {
      headers: { authorization: `Bearer ${token}` },
    })
}

describe('README screenshot', () => {
  it('captures the dashboard on the default scenario after some traffic', async () => {
    const browser = await launchBrowser()
    const dashboard = await openDashboard(browser, { scenario: 'default' })
    const { standin, page } = dashboard
    try {
      await standin.control('clock', { freeze: true })
      const redcap = (token: string) =>
        standin.fetch('/redcap/api/', {
          method: 'POST',
          body: new URLSearchParams({ token, content: 'version' }),
        })
      await redcap('ABCDEF0123456789ABCDEF0123456789')
      await redcap('0000000000000000000000000000BAD0')
      const grant = await standin.fetch('/epicollect/api/oauth/token', {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: '153',
          client_secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG',
        }),
      })
      const { access_token: ec5 } = (await grant.json()) as { access_token: string }
      await standin.fetch('/epicollect/api/export/entries/ec5-river-watch?per_page=5', {
        headers: { authorization: `Bearer ${ec5}` },
      })
      const readPatient = await redoxClient(standin)
      await readPatient()
      await standin.control('clock', { advance: 312 })
      await readPatient()

      await page.setViewportSize({ width, height: 1500 })
      await page.locator('#journal-list > li').nth(6).waitFor()
      await page.screenshot({ path: target })
      expect(dashboard.errors).toEqual([])
    } finally {
      await dashboard.close()
      await browser.close()
    }
  })
})
