/**
 * Every provider panel's buttons in a real browser against the default scenario: which control
 * route each calls, with which body (observed, not answered, at the browser's network edge), and
 * what the providers then do. dashboard-providers.test.ts has the three headline flows.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { type OpenDashboard, useDashboard, type ServedStandin } from '../support/dashboard.js'
import { DEMO_PRIVATE_JWK, signAssertion, tokenForm } from '../providers/redox/support.js'

const CONTROL_CALL = /\/_standin\/(redcap|epicollect|redox|routes)(\/|$)/

const dashboards = useDashboard({ scenario: 'default' })
let dashboard: OpenDashboard
let standin: ServedStandin
let page: Page
let sent: string[]

async function openDashboard(): Promise<void> {
  dashboard = await dashboards.open()
  ;({ standin, page } = dashboard)
  sent = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!CONTROL_CALL.test(url.pathname) || request.method() === 'GET') return
    const body = request.postData()
    sent.push(`${request.method()} ${url.pathname}${body ? ` ${body}` : ''}`)
  })
}

const announced = () => page.locator('#announcer').textContent()
const shown = (panel: string, label: string) =>
  page.locator(panel).getByLabel(label, { exact: true }).inputValue()

describe('dashboard panels', () => {
  it('name every control for screen readers and nest headings without skipping a level', async () => {
    await openDashboard()
    for (const title of ['REDCap', 'Epicollect5', 'Redox'])
      expect(await page.getByRole('heading', { name: title, exact: true }).isVisible()).toBe(true)
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea, a[href]')]
        .filter((el) => !el.closest('[hidden]'))
        .filter((el) => {
          const labels = (el as HTMLInputElement).labels
          const text = el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent.trim() : ''
          return !(labels?.length || el.getAttribute('aria-label') || text)
        })
        .map((el) => el.outerHTML),
    )
    expect(unnamed).toEqual([])
    const levels = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1])),
    )
    expect(levels.filter((level) => level === 1)).toHaveLength(1)
    expect(levels.every((level, i) => i === 0 || level <= levels[i - 1]! + 1)).toBe(true)
  })

  it('brings revoked credentials back with Reset, and loads another scenario from the picker', async () => {
    await openDashboard()
    const revoked = page.locator('#tokens-body .badge-revoked')
    await page
      .locator('#tokens-body')
      .getByRole('button', { name: /^Revoke / })
      .first()
      .click()
    await expect.poll(() => revoked.count()).toBe(1)
    await page.getByRole('button', { name: 'Reset to scenario' }).click()
    await expect.poll(() => revoked.count()).toBe(0)
    expect(await page.locator('#scenario-name').textContent()).toBe('default')

    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('503-storm')
    await page.getByRole('button', { name: 'Load' }).click()
    await expect.poll(() => page.locator('#scenario-name').textContent()).toBe('503-storm')
    expect(await page.locator('#tokens-body').textContent()).toBe('No credentials issued yet.')
  })

  it('reject, file, regenerate and delete REDCap tokens, and create a super token', async () => {
    await openDashboard()
    const panel = page.locator('#redcap-panel')
    await panel
      .getByRole('button', { name: 'Reject the token request of bob on project 13' })
      .click()
    await expect
      .poll(() =>
        panel.locator('tr', { hasText: 'req-1' }).locator('[data-label="Status"]').textContent(),
      )
      .toBe('rejected')

    await page.locator('#redcap-request').getByLabel('Project ID').fill('14')
    await page.locator('#redcap-request').getByLabel('Username').fill('bob')
    await panel.getByRole('button', { name: 'Request token' }).click()
    await expect.poll(announced).toBe('Token request req-2 is pending.')

    const old = 'ABCDEF0123456789ABCDEF0123456789'
    await panel.getByRole('button', { name: 'Regenerate the token of alice on project 13' }).click()
    await expect.poll(() => shown('#redcap-panel', 'API token')).toMatch(/^[0-9A-F]{32}$/)
    const regenerated = await shown('#redcap-panel', 'API token')
    expect(regenerated).not.toBe(old)
    const version = (token: string) =>
      standin.fetch('/redcap/api/', {
        method: 'POST',
        body: new URLSearchParams({ token, content: 'version' }),
      })
    expect([(await version(old)).status, (await version(regenerated)).status]).toEqual([403, 200])

    const manage = page.locator('#redcap-manage')
    await manage.getByLabel('Project ID').fill('14')
    await manage.getByLabel('Username').fill('alice')
    await manage.getByRole('button', { name: 'Delete token' }).click()
    await expect.poll(announced).toBe('Deleted the token of alice on project 14.')

    await page.locator('#redcap-super').getByLabel('Username').fill('carol')
    await panel.getByRole('button', { name: 'Create super token' }).click()
    await expect.poll(() => shown('#redcap-panel', 'API token')).toMatch(/^[0-9A-F]{64}$/)
    expect(sent).toEqual([
      'POST /_standin/redcap/token-requests/req-1/reject',
      'POST /_standin/redcap/projects/14/token-requests {"username":"bob"}',
      'POST /_standin/redcap/projects/13/users/alice/token/regenerate',
      'DELETE /_standin/redcap/projects/14/users/alice/token',
      'POST /_standin/redcap/super-tokens {"username":"carol"}',
    ])
  })

  it('delete an Epicollect5 app and create a new one whose secret shows once and works', async () => {
    await openDashboard()
    const panel = page.locator('#epicollect-panel')
    await panel.getByRole('button', { name: 'Delete App of project EC5 School Bird Count' }).click()
    await expect.poll(announced).toBe('Deleted the app of ec5-school-bird-count.')
    await panel.getByLabel('Project slug').fill('ec5-school-bird-count')
    await panel.getByLabel('App name').fill('field app')
    await panel.getByRole('button', { name: 'Create app' }).click()
    const clientId = await shown('#epicollect-panel', 'Client ID')
    const clientSecret = await shown('#epicollect-panel', 'Client secret')
    expect(clientSecret).toMatch(/^[A-Za-z0-9]{40}$/)
    const grant = await standin.fetch('/epicollect/api/oauth/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    })
    expect(grant.status).toBe(200)
    await expect
      .poll(() =>
        panel
          .locator('tr', { hasText: 'ec5-school-bird-count' })
          .locator('[data-label="App"]')
          .textContent(),
      )
      .toBe('field app')
    expect(sent).toEqual([
      'DELETE /_standin/epicollect/projects/ec5-school-bird-count/app',
      'POST /_standin/epicollect/projects/ec5-school-bird-count/app {"name":"field app"}',
    ])
  })

  it('create a Redox key from a generated pair, with its private key and Postman files once', async () => {
    await openDashboard()
    const panel = page.locator('#redox-panel')
    await panel.getByLabel('Name', { exact: true }).fill('generated')
    await panel.getByRole('button', { name: 'Create API key' }).click()
    const clientId = await shown('#redox-panel', 'Client ID')
    expect(await shown('#redox-panel', 'Key ID (kid)')).toMatch(/^[\w-]{43}$/)

    const key = page.waitForEvent('download')
    await panel.getByRole('button', { name: 'Download private key' }).click()
    expect((await key).suggestedFilename()).toBe(`${clientId}.private.jwk.json`)

    const files = new Map<string, string>()
    page.on('download', (download) => {
      void download
        .path()
        .then((path) => files.set(download.suggestedFilename(), readFileSync(path, 'utf8')))
    })
    await panel.getByRole('button', { name: 'Download Postman files', exact: true }).click()
    await expect
      .poll(() => [...files.keys()].sort())
      .toEqual([`${clientId}.postman_collection.json`, `${clientId}.postman_environment.json`])
    // The environment downloaded at creation carries the private key, as Redox's does.
    const environment = JSON.parse(files.get(`${clientId}.postman_environment.json`)!) as {
      values: { key: string; value: string }[]
    }
    const privateKey = environment.values.find((v) => v.key === 'privateKey')?.value ?? ''
    expect(JSON.parse(privateKey)).toMatchObject({ kty: 'RSA', d: expect.any(String) as string })
  })

  it('create Redox keys from a pasted JWK (public members only) and from a JWKS URL', async () => {
    await openDashboard()
    const panel = page.locator('#redox-panel')
    await panel.getByLabel('Name', { exact: true }).fill('pasted')
    await panel.getByLabel('Region').selectOption('ca')
    await panel.getByLabel('Paste a JWK or JWKS').check()
    await panel.getByLabel('Public JWK or JWKS (JSON)').fill(JSON.stringify(DEMO_PRIVATE_JWK))
    await panel.getByRole('button', { name: 'Create API key' }).click()
    await expect.poll(() => shown('#redox-panel', 'Key ID (kid)')).toBe(DEMO_PRIVATE_JWK.kid)
    const pasted = await shown('#redox-panel', 'Client ID')
    const caToken = `${standin.url}/redox-ca/v2/auth/token`
    const grant = await standin.fetch('/redox-ca/v2/auth/token', {
      method: 'POST',
      body: tokenForm(await signAssertion({ clientId: pasted, aud: caToken })),
    })
    expect(grant.status).toBe(200)

    await panel.getByRole('button', { name: 'Dismiss' }).click()
    await panel.getByLabel('Name', { exact: true }).fill('by url')
    await panel.getByLabel('Region').selectOption('us')
    await panel.getByLabel('Point to a JWKS URL').check()
    await panel.getByLabel('JWKS URL', { exact: true }).fill('http://127.0.0.1:9/jwks.json')
    await panel.getByRole('button', { name: 'Create API key' }).click()
    await expect.poll(announced).toMatch(/^API key [\w-]+ created\.$/)
    expect(await panel.getByLabel('Key ID (kid)', { exact: true }).count()).toBe(0)

    const { d, p, q, dp, dq, qi, ...publicJwk } = DEMO_PRIVATE_JWK
    expect([d, p, q, dp, dq, qi].every(Boolean)).toBe(true)
    expect(sent).toEqual([
      `POST /_standin/redox/api-keys ${JSON.stringify({ name: 'pasted', region: 'ca', jwks: { keys: [publicJwk] } })}`,
      'POST /_standin/redox/api-keys {"name":"by url","region":"us","jwksUrl":"http://127.0.0.1:9/jwks.json"}',
    ])
  })

  it('download a Redox key’s Postman collection and environment later, and delete the key', async () => {
    await openDashboard()
    const panel = page.locator('#redox-panel')
    const names: string[] = []
    page.on('download', (download) => names.push(download.suggestedFilename()))
    const us = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
    await panel.getByRole('button', { name: `Postman files for API key ${us}` }).click()
    await expect
      .poll(() => names.sort())
      .toEqual([`${us}.postman_collection.json`, `${us}.postman_environment.json`])
    await panel.getByRole('button', { name: 'Delete API key Demo app (Canada)' }).click()
    await expect.poll(announced).toBe('Deleted API key 7c9e4b2a-1d3f-4a6e-8b5c-2f0d9e8a7c61.')
    await expect.poll(() => panel.getByText('Demo app (Canada)').count()).toBe(0)
    expect(sent).toEqual(['DELETE /_standin/redox/api-keys/7c9e4b2a-1d3f-4a6e-8b5c-2f0d9e8a7c61'])
  })
})
