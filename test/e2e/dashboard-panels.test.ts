/**
 * The provider panels against the control-plane contract in the design, in a real browser: the
 * page talks to a real standin, and only the provider routes (which other modules serve) are
 * answered at the browser's network edge with the documented shapes, so this pins which route,
 * method and body each button sends. dashboard-providers.test.ts runs the same flows end to end
 * once the providers are registered.
 */
import type { Page, Route } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, watchErrors, type Browser } from '../support/browser.js'
import { serveStandin, type ServedStandin } from '../support/dashboard.js'
import { echoProvider } from '../support/echo-provider.js'

const SNAPSHOT = {
  redcap: {
    projects: [{ pid: 14, title: 'Sleep study' }],
    users: [{ username: 'alice' }, { username: 'svc_etl' }],
    tokenRequests: [
      { id: 'req-1', pid: 14, username: 'alice', status: 'pending' },
      { id: 'req-0', pid: 14, username: 'svc_etl', status: 'approved' },
    ],
  },
  epicollect: {
    projects: [
      { slug: 'ec5-demo', name: 'EC5 Demo', app: { clientId: 153, name: 'qa app' } },
      { slug: 'bird-count', name: 'Bird count' },
    ],
  },
  redox: {
    apiKeys: [{ clientId: 'key-1', name: 'QA key', region: 'us', jwks: { keys: [{}] } }],
  },
}

/** What the design's control-plane table says each provider route answers. */
function designReply(method: string, path: string): unknown {
  const routes: [string, RegExp, unknown][] = [
    ['POST', /^redcap\/token-requests\/[^/]+\/approve$/, { token: 'A1'.repeat(16) }],
    ['POST', /^redcap\/token-requests\/[^/]+\/reject$/, { status: 'rejected' }],
    ['POST', /^redcap\/projects\/\d+\/token-requests$/, { id: 'req-2', status: 'pending' }],
    [
      'POST',
      /^redcap\/projects\/\d+\/users\/[^/]+\/token\/regenerate$/,
      { token: 'B2'.repeat(16) },
    ],
    ['DELETE', /^redcap\/projects\/\d+\/users\/[^/]+\/token$/, {}],
    ['POST', /^redcap\/super-tokens$/, { token: 'C3'.repeat(32) }],
    [
      'POST',
      /^epicollect\/projects\/[^/]+\/app$/,
      { client_id: 154, client_secret: 's'.repeat(40) },
    ],
    ['POST', /^epicollect\/projects\/[^/]+\/app\/revoke$/, {}],
    ['DELETE', /^epicollect\/projects\/[^/]+\/app$/, {}],
    [
      'POST',
      /^redox\/api-keys$/,
      { clientId: 'key-2', kid: 'kid-2', privateJwk: { kty: 'RSA', kid: 'kid-2', d: 'secret' } },
    ],
    ['DELETE', /^redox\/api-keys\/[^/]+$/, {}],
    [
      'GET',
      /^redox\/api-keys\/[^/]+\/postman$/,
      { collection: { info: { name: 'Redox' } }, environment: { values: [] } },
    ],
    ['GET', /^routes$/, { routes: [{ provider: 'redox', pattern: '/fhir/*', mode: 'mock' }] }],
    ['PUT', /^routes$/, {}],
  ]
  const match = routes.find(([m, pattern]) => m === method && pattern.test(path))
  if (!match) throw new Error(`the design has no ${method} /_standin/${path}`)
  return match[2]
}

let browser: Browser
let standin: ServedStandin
let page: Page
let errors: string[]
let calls: string[]

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser.close())

async function openDashboard(): Promise<void> {
  standin = await serveStandin({ providers: [echoProvider], scenario: { providers: { echo: {} } } })
  page = await browser.context.newPage()
  errors = watchErrors(page)
  calls = []
  await page.route(`${standin.url}/_standin/state`, async (route) => {
    const real = (await (await route.fetch()).json()) as { providers: object }
    await route.fulfill({ json: { ...real, providers: { ...real.providers, ...SNAPSHOT } } })
  })
  const answer = async (route: Route) => {
    const request = route.request()
    const path = new URL(request.url()).pathname.replace('/_standin/', '')
    const body = request.postData()
    calls.push(`${request.method()} /_standin/${path}${body ? ` ${body}` : ''}`)
    await route.fulfill({ json: designReply(request.method(), path) })
  }
  for (const prefix of ['redcap', 'epicollect', 'redox', 'routes'])
    await page.route(new RegExp(`/_standin/${prefix}(/|$)`), answer)
  await page.goto(standin.ui)
  await page.locator('body[data-ready="true"]').waitFor()
}

afterEach(async () => {
  await page.close()
  await standin.close()
  expect(errors).toEqual([])
})

const announced = () => page.locator('#announcer').textContent()
/** What the buttons sent, without the route-mode reads every page load makes. */
const sent = () => calls.filter((call) => call !== 'GET /_standin/routes')

describe('provider panels', () => {
  it('show only for providers in the state, each reachable from the panel links', async () => {
    await openDashboard()
    for (const [title, id] of [
      ['REDCap', 'redcap'],
      ['Epicollect5', 'epicollect'],
      ['Redox', 'redox'],
    ] as const) {
      expect(await page.getByRole('heading', { name: title, exact: true }).isVisible()).toBe(true)
      expect(await page.getByRole('link', { name: title }).getAttribute('href')).toBe(
        `#${id}-panel`,
      )
    }
  })

  it('name every control for screen readers and nest headings without skipping a level', async () => {
    await openDashboard()
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
    expect(levels[0]).toBe(1)
    expect(levels.filter((level) => level === 1)).toHaveLength(1)
    expect(levels.every((level, i) => i === 0 || level <= levels[i - 1]! + 1)).toBe(true)
  })

  it('approve a REDCap token request and show the token once with a copy button', async () => {
    await openDashboard()
    const panel = page.locator('#redcap-panel')
    expect(await panel.getByRole('button', { name: /^Approve/ }).count()).toBe(1)
    await panel
      .getByRole('button', { name: 'Approve the token request of alice on project 14' })
      .click()
    const token = panel.getByLabel('API token', { exact: true })
    expect(await token.inputValue()).toBe('A1'.repeat(16))
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'API token for alice on project 14',
    )
    await panel.getByRole('button', { name: 'Copy API token' }).click()
    await expect.poll(announced).toBe('API token copied.')
    expect(sent()).toEqual(['POST /_standin/redcap/token-requests/req-1/approve'])
  })

  it('file, reject, regenerate and delete REDCap tokens and create a super token', async () => {
    await openDashboard()
    const panel = page.locator('#redcap-panel')
    await panel
      .getByRole('button', { name: 'Reject the token request of alice on project 14' })
      .click()
    await page.locator('#redcap-request').getByLabel('Project ID').fill('14')
    await page.locator('#redcap-request').getByLabel('Username').fill('bob')
    await panel.getByRole('button', { name: 'Request token' }).click()
    await expect.poll(announced).toBe('Token request req-2 is pending.')
    const manage = page.locator('#redcap-manage')
    await manage.getByLabel('Project ID').fill('14')
    await manage.getByLabel('Username').fill('alice')
    await manage.getByRole('button', { name: 'Regenerate' }).click()
    await expect
      .poll(() => panel.getByLabel('API token', { exact: true }).inputValue())
      .toBe('B2'.repeat(16))
    await manage.getByRole('button', { name: 'Delete token' }).click()
    await expect.poll(announced).toBe('Deleted the token of alice on project 14.')
    await page.locator('#redcap-super').getByLabel('Username').fill('new user')
    await panel.getByRole('button', { name: 'Create super token' }).click()
    await expect
      .poll(() => panel.getByLabel('API token', { exact: true }).inputValue())
      .toBe('C3'.repeat(32))
    expect(sent()).toEqual([
      'POST /_standin/redcap/token-requests/req-1/reject',
      'POST /_standin/redcap/projects/14/token-requests {"username":"bob"}',
      'POST /_standin/redcap/projects/14/users/alice/token/regenerate',
      'DELETE /_standin/redcap/projects/14/users/alice/token',
      'POST /_standin/redcap/super-tokens {"username":"new user"}',
    ])
  })

  it('revoke and delete an Epicollect5 app and create one whose secret shows once', async () => {
    await openDashboard()
    const panel = page.locator('#epicollect-panel')
    await panel.getByRole('button', { name: 'Revoke Token of project EC5 Demo' }).click()
    await expect.poll(announced).toBe("Revoked the live tokens of ec5-demo's app.")
    await panel.getByRole('button', { name: 'Delete App of project EC5 Demo' }).click()
    await expect.poll(announced).toBe('Deleted the app of ec5-demo.')
    await panel.getByLabel('Project slug').fill('bird-count')
    await panel.getByLabel('App name').fill('field app')
    await panel.getByRole('button', { name: 'Create app' }).click()
    expect(await panel.getByLabel('Client ID', { exact: true }).inputValue()).toBe('154')
    expect(await panel.getByLabel('Client secret', { exact: true }).inputValue()).toBe(
      's'.repeat(40),
    )
    expect(sent()).toEqual([
      'POST /_standin/epicollect/projects/ec5-demo/app/revoke',
      'DELETE /_standin/epicollect/projects/ec5-demo/app',
      'POST /_standin/epicollect/projects/bird-count/app {"name":"field app"}',
    ])
  })

  it('create Redox API keys from a generated pair, a pasted JWK and a JWKS URL', async () => {
    await openDashboard()
    const panel = page.locator('#redox-panel')
    await panel.getByLabel('Name', { exact: true }).fill('generated')
    await panel.getByRole('button', { name: 'Create API key' }).click()
    expect(await panel.getByLabel('Key ID (kid)', { exact: true }).inputValue()).toBe('kid-2')
    expect(
      JSON.parse(await panel.getByLabel('Private key (JWK)', { exact: true }).inputValue()),
    ).toEqual({
      kty: 'RSA',
      kid: 'kid-2',
      d: 'secret',
    })
    const saved = page.waitForEvent('download')
    await panel.getByRole('button', { name: 'Download private key' }).click()
    expect((await saved).suggestedFilename()).toBe('key-2.private.jwk.json')

    await panel.getByLabel('Name', { exact: true }).fill('pasted')
    await panel.getByLabel('Region').selectOption('ca')
    await panel.getByLabel('Paste a JWK or JWKS').check()
    await panel
      .getByLabel('Public JWK or JWKS (JSON)')
      .fill('{"kty":"RSA","kid":"k","n":"abc","e":"AQAB","d":"private","p":"x"}')
    await panel.getByRole('button', { name: 'Create API key' }).click()
    await panel.getByLabel('Point to a JWKS URL').check()
    await panel.getByLabel('JWKS URL', { exact: true }).fill('http://127.0.0.1:9/jwks.json')
    await panel.getByLabel('Name', { exact: true }).fill('by url')
    await panel.getByRole('button', { name: 'Create API key' }).click()
    await expect.poll(() => sent().length).toBe(3)
    expect(sent()).toEqual([
      'POST /_standin/redox/api-keys {"name":"generated","region":"us"}',
      'POST /_standin/redox/api-keys {"name":"pasted","region":"ca","jwks":{"keys":[{"kty":"RSA","kid":"k","n":"abc","e":"AQAB"}]}}',
      'POST /_standin/redox/api-keys {"name":"by url","region":"ca","jwksUrl":"http://127.0.0.1:9/jwks.json"}',
    ])
  })

  it('download a Redox key’s Postman collection and environment, and delete the key', async () => {
    await openDashboard()
    const panel = page.locator('#redox-panel')
    const names: string[] = []
    page.on('download', (download) => names.push(download.suggestedFilename()))
    await panel.getByRole('button', { name: 'Postman files for API key key-1' }).click()
    await expect
      .poll(() => names.sort())
      .toEqual(['key-1.postman_collection.json', 'key-1.postman_environment.json'])
    await panel.getByRole('button', { name: 'Delete API key QA key' }).click()
    await expect.poll(announced).toBe('Deleted API key key-1.')
    expect(sent()).toEqual([
      'GET /_standin/redox/api-keys/key-1/postman',
      'DELETE /_standin/redox/api-keys/key-1',
    ])
  })

  it('switch a route’s mode by sending the rules back with the one mode changed', async () => {
    await openDashboard()
    await page.getByLabel('Mode of redox /fhir/*').selectOption('proxy')
    await expect.poll(announced).toBe('redox /fhir/* now proxy.')
    expect(calls).toEqual([
      'GET /_standin/routes',
      'PUT /_standin/routes {"routes":[{"provider":"redox","pattern":"/fhir/*","mode":"proxy"}]}',
      'GET /_standin/routes',
    ])
  })
})
