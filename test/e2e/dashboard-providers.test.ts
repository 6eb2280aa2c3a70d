/**
 * The dashboard's provider panels in a real browser, against the default scenario and the routes
 * of the control-plane table in the design: Expire on a Redox token → the client's next call gets
 * 401 and the journal says why; Approve on a REDCap token request → the token is shown; Revoke
 * Token on an Epicollect5 app → the export fails.
 *
 * Fixture facts (project ids, usernames, slugs) are read from `GET /_standin/state` rather than
 * assumed.
 */
import { randomBytes } from 'node:crypto'
import { importJWK, SignJWT, type JWK } from 'jose'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, watchErrors, type Browser } from '../support/browser.js'
import { serveStandin, type ServedStandin } from '../support/dashboard.js'

let browser: Browser
let standin: ServedStandin
let page: Page
let errors: string[]

async function openDashboard(): Promise<void> {
  standin = await serveStandin({ scenario: 'default' })
  page = await browser.context.newPage()
  errors = watchErrors(page)
  await page.goto(standin.ui)
  await page.locator('body[data-ready="true"]').waitFor()
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
}

/** One browser per block; each test opens its own standin and page, with no console errors. */
function useBrowser(): void {
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser.close())
  afterEach(async () => {
    await page.close()
    await standin.close()
    expect(errors).toEqual([])
  })
}

type Item = Record<string, unknown>

/** The items under the first of `keys` in a state section: an array, or the values of a map. */
function listOf(section: unknown, keys: readonly string[]): Item[] {
  const record = (section ?? {}) as Record<string, unknown>
  for (const key of keys) {
    const value = record[key]
    if (Array.isArray(value)) return value as Item[]
    if (value && typeof value === 'object')
      return Object.entries(value).map(([name, item]) => ({ key: name, ...(item as Item) }))
  }
  return []
}

function field(item: Item | undefined, ...names: string[]): string {
  for (const name of names) {
    const value = item?.[name]
    if (typeof value === 'string' || typeof value === 'number') return String(value)
  }
  return ''
}

async function stateOf(provider: string): Promise<unknown> {
  const state = (await standin.control('state')) as { providers: Record<string, unknown> }
  return state.providers[provider]
}

async function credentialIds(): Promise<Set<string>> {
  const { tokens } = (await standin.control('tokens')) as { tokens: { id: string }[] }
  return new Set(tokens.map((token) => token.id))
}

/** The newest journal entry's reason, as the dashboard words it. */
const newestReason = () =>
  page.locator('#journal-list > li').first().locator('.why').textContent({ timeout: 5_000 })

describe('Redox in the dashboard', () => {
  useBrowser()

  it('expires a Redox token from its row; the client then gets 401 and the journal says why', async () => {
    await openDashboard()
    const panel = page.locator('#redox-panel')
    await panel.getByLabel('Name', { exact: true }).fill('dashboard test')
    await panel.getByRole('button', { name: 'Create API key' }).click()
    const clientId = await panel.getByLabel('Client ID', { exact: true }).inputValue()
    const jwk = JSON.parse(
      await panel.getByLabel('Private key (JWK)', { exact: true }).inputValue(),
    ) as JWK
    expect(clientId).not.toBe('')
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS384' })

    const tokenUrl = `${standin.url}/redox/v2/auth/token`
    const now = Math.floor(Date.now() / 1000)
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS384', kid: jwk.kid! })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .setJti(randomBytes(8).toString('hex'))
      .sign(await importJWK(jwk, 'RS384'))
    const before = await credentialIds()
    const grant = await standin.fetch('/redox/v2/auth/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    })
    expect(grant.status).toBe(200)
    const { access_token: accessToken } = (await grant.json()) as { access_token: string }
    const call = () =>
      standin.fetch('/redox/endpoint', {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ Meta: { DataModel: 'PatientSearch', EventType: 'Query' } }),
      })
    expect((await call()).status).not.toBe(401)

    // The token is the credential the grant added (a JWT's first characters are not unique).
    const [issued] = [...(await credentialIds())].filter((id) => !before.has(id))
    const row = page.locator(`#tokens-body tr[data-credential="${issued!}"]`)
    await row.getByRole('button', { name: /^Expire / }).click()
    await expect.poll(() => row.locator('[data-label="Status"]').textContent()).toBe('expired')
    expect((await call()).status).toBe(401)
    await expect.poll(newestReason).toMatch(/^Refused: .*expired/i)
  })
})

describe('REDCap in the dashboard', () => {
  useBrowser()

  /** A pending token request: one the scenario has, or one filed for a user with API rights. */
  async function pendingRequest(): Promise<{ id: string; pid: string; username: string }> {
    const section = await stateOf('redcap')
    const requests = listOf(section, ['tokenRequests', 'token_requests', 'requests'])
    const pending = requests.find((r) => (field(r, 'status') || 'pending') === 'pending')
    if (pending)
      return {
        id: field(pending, 'id', 'requestId', 'key'),
        pid: field(pending, 'pid', 'projectId', 'project_id', 'project'),
        username: field(pending, 'username', 'user'),
      }
    const pids = listOf(section, ['projects']).map((p) => field(p, 'pid', 'projectId', 'id', 'key'))
    const users = listOf(section, ['users']).map((u) => field(u, 'username', 'key', 'name'))
    for (const pid of pids)
      for (const username of users) {
        const reply = (await standin.control(`redcap/projects/${pid}/token-requests`, {
          username,
        })) as { id?: string; status?: string }
        if (reply.status === 'pending' && reply.id) return { id: reply.id, pid, username }
      }
    throw new Error('The default scenario has no REDCap user who may request a token.')
  }

  it('approves a token request and shows the new token once', async () => {
    await openDashboard()
    const request = await pendingRequest()
    await page.getByRole('button', { name: 'Refresh' }).click()
    const approve = page.getByRole('button', {
      name: `Approve the token request of ${request.username} on project ${request.pid}`,
    })
    await approve.click()
    const shown = page.locator('#redcap-panel').getByLabel('API token', { exact: true })
    const token = await shown.inputValue()
    expect(token).toMatch(/^[0-9A-F]{32}$/)
    const { tokens } = (await standin.control('tokens')) as {
      tokens: { provider: string; secretPrefix: string; status: string }[]
    }
    expect(tokens).toContainEqual(
      expect.objectContaining({
        provider: 'redcap',
        secretPrefix: token.slice(0, 6),
        status: 'active',
      }),
    )
  })
})

describe('Epicollect5 in the dashboard', () => {
  useBrowser()

  it('revokes an app’s token from the Apps table and the export then fails', async () => {
    await openDashboard()
    // An active private project: a public one exports without a token, and an archived or
    // trashed one answers 404 ec5_11 to everyone.
    const project = listOf(await stateOf('epicollect'), ['projects']).find(
      (p) => p.access === 'private' && p.status === 'active',
    )
    const slug = field(project, 'slug')
    expect(slug, 'an active private project in the default scenario').not.toBe('')
    expect((await standin.fetch(`/epicollect/api/export/entries/${slug}`)).status).toBe(404)
    // The scenario's own app for it gives way to one created in the panel.
    await standin.fetch(`/_standin/epicollect/projects/${slug}/app`, { method: 'DELETE' })
    const panel = page.locator('#epicollect-panel')
    await panel.getByLabel('Project slug').fill(slug)
    await panel.getByLabel('App name').fill('dashboard test')
    await panel.getByRole('button', { name: 'Create app' }).click()
    const clientId = await panel.getByLabel('Client ID', { exact: true }).inputValue()
    const clientSecret = await panel.getByLabel('Client secret', { exact: true }).inputValue()
    await panel.getByRole('button', { name: 'Dismiss' }).click()
    const grant = await standin.fetch('/epicollect/api/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    })
    expect(grant.status).toBe(200)
    const { access_token: accessToken } = (await grant.json()) as { access_token: string }
    const exportEntries = () =>
      standin.fetch(`/epicollect/api/export/entries/${slug}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
    expect((await exportEntries()).status).toBe(200)

    await page
      .locator('#epicollect-panel tr', { hasText: slug })
      .getByRole('button', { name: /^Revoke Token/ })
      .click()
    await expect.poll(async () => (await exportEntries()).status).toBe(404)
    const refused = await exportEntries()
    expect(await refused.json()).toEqual({
      errors: [{ code: 'ec5_256', title: 'Access denied.', source: 'middleware' }],
    })
    await expect.poll(newestReason).toMatch(/^Refused: /)
  })
})
