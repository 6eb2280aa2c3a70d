/**
 * The dashboard's provider panels in a real browser, against the default scenario and the
 * control-plane routes of the design: Expire on a Redox token → the client's next call gets 401 and
 * the journal says why; Approve on a REDCap token request → the token is shown; Revoke Token on an
 * Epicollect5 app → the export fails.
 */
import type { JWK } from 'jose'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  newestJournalEntry,
  type OpenDashboard,
  useDashboard,
  type ServedStandin,
} from '../support/dashboard.js'
import { FHIR, PATIENT_ID, signAssertion, tokenForm } from '../providers/redox/support.js'

const dashboards = useDashboard({ scenario: 'default' })
let dashboard: OpenDashboard
let standin: ServedStandin
let page: Page

async function openDashboard(): Promise<void> {
  dashboard = await dashboards.open()
  ;({ standin, page } = dashboard)
}

const newestReason = () => newestJournalEntry(page).then((entry) => entry.split(' | ')[1])

describe('provider flows in the dashboard', () => {
  it('expires a Redox token from its row; the client then gets 401 and the journal says why', async () => {
    await openDashboard()
    const panel = page.locator('#redox-panel')
    await panel.getByLabel('Name', { exact: true }).fill('dashboard test')
    await panel.getByRole('button', { name: 'Create API key' }).click()
    const clientId = await panel.getByLabel('Client ID', { exact: true }).inputValue()
    const jwk = JSON.parse(
      await panel.getByLabel('Private key (JWK)', { exact: true }).inputValue(),
    ) as JWK
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS384', kid: expect.any(String) as string })

    const assertion = await signAssertion({
      clientId,
      key: jwk,
      aud: `${standin.url}/redox/v2/auth/token`,
    })
    const before = await standin.credentialIds()
    const grant = await standin.fetch('/redox/v2/auth/token', {
      method: 'POST',
      body: tokenForm(assertion),
    })
    expect(grant.status).toBe(200)
    const { access_token: accessToken } = (await grant.json()) as { access_token: string }
    const call = () =>
      standin.fetch(`${FHIR}/Patient/${PATIENT_ID}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
    expect((await call()).status).toBe(200)

    // The token is the credential the grant added (a JWT's first characters are not unique).
    const [issued] = [...(await standin.credentialIds())].filter((id) => !before.has(id))
    const row = page.locator(`#tokens-body tr[data-credential="${issued!}"]`)
    await row.getByRole('button', { name: /^Expire / }).click()
    await expect.poll(() => row.locator('[data-label="Status"]').textContent()).toBe('expired')
    expect((await call()).status).toBe(401)
    await expect.poll(newestReason).toMatch(/^Refused: .*expired just now \(virtual time\)/)
  })

  it('approves a REDCap token request and shows the new token once', async () => {
    await openDashboard()
    const panel = page.locator('#redcap-panel')
    await panel
      .getByRole('button', { name: 'Approve the token request of bob on project 13' })
      .click()
    const token = await panel.getByLabel('API token', { exact: true }).inputValue()
    expect(token).toMatch(/^[0-9A-F]{32}$/)
    expect(await page.locator('#announcer').textContent()).toBe('API token for bob on project 13.')
    const version = await standin.fetch('/redcap/api/', {
      method: 'POST',
      body: new URLSearchParams({ token, content: 'version' }),
    })
    expect([version.status, await version.text()]).toEqual([200, '15.7.6'])
    await expect
      .poll(() =>
        panel.locator('tr', { hasText: 'req-1' }).locator('[data-label="Status"]').textContent(),
      )
      .toBe('approved')
  })

  it('revokes an Epicollect5 app’s token from the Apps table and the export then fails', async () => {
    await openDashboard()
    // The default scenario's app for the private project ec5-river-watch (see the README).
    const grant = await standin.fetch('/epicollect/api/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 153,
        client_secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG',
      }),
    })
    const { access_token: accessToken } = (await grant.json()) as { access_token: string }
    const exportEntries = () =>
      standin.fetch('/epicollect/api/export/entries/ec5-river-watch', {
        headers: { authorization: `Bearer ${accessToken}` },
      })
    expect((await exportEntries()).status).toBe(200)

    await page
      .locator('#epicollect-panel')
      .getByRole('button', { name: 'Revoke Token of project EC5 River Watch' })
      .click()
    await expect.poll(async () => (await exportEntries()).status).toBe(404)
    expect(await (await exportEntries()).json()).toEqual({
      errors: [{ code: 'ec5_256', title: 'Access denied.', source: 'middleware' }],
    })
    await expect.poll(newestReason).toMatch(/^Refused: /)
  })
})
