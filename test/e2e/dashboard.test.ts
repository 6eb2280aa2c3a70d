/**
 * The dashboard in a real browser (Debian's Chromium, headless) against a real standin socket, with
 * the echo provider: the clock, the credential levers, the live journal over SSE, the keyboard.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  newestJournalEntry,
  serveStandin,
  type OpenDashboard,
  useDashboard,
  type ServedStandin,
} from '../support/dashboard.js'
import { echoProvider } from '../support/echo-provider.js'

const START = '2026-03-01T08:00:00.000Z'
const SCENARIO = {
  name: 'dashboard',
  clock: { start: START, frozen: true },
  providers: { echo: { ttlSeconds: 60 } },
}

const dashboards = useDashboard({ providers: [echoProvider], scenario: SCENARIO })
let dashboard: OpenDashboard
let standin: ServedStandin
let page: Page

async function openDashboard(): Promise<void> {
  dashboard = await dashboards.open()
  ;({ standin, page } = dashboard)
}

async function issueToken(subject: string): Promise<string> {
  const response = await standin.fetch('/echo/token', {
    method: 'POST',
    body: new URLSearchParams({ subject }),
  })
  return ((await response.json()) as { token: string }).token
}

function callData(token: string): Promise<Response> {
  return standin.fetch('/echo/data', { headers: { authorization: `Bearer ${token}` } })
}

const clockText = () => page.locator('#clock-now').textContent()
const firstJournalEntry = () => newestJournalEntry(page)

describe('dashboard', () => {
  it('serves the page at /_standin/ui with the virtual clock and the live stream', async () => {
    await openDashboard()
    expect(page.url()).toBe(standin.ui)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('standin')
    expect(await clockText()).toBe('2026-03-01 08:00:00')
    expect(await page.locator('#clock-mode').textContent()).toBe('frozen')
    expect(await page.locator('#scenario-name').textContent()).toBe('dashboard')
    for (const provider of ['REDCap', 'Epicollect5', 'Redox'])
      expect(await page.getByRole('heading', { name: provider }).isVisible()).toBe(false)
    expect(await page.locator('#routes-body').textContent()).toBe(
      'No rules: every route is simulated (mock).No upstreams are configured, so proxy and record are not available.',
    )
  })

  it('moves the clock with +1 min, +5 min, +2 h, custom seconds, set and the freeze toggle', async () => {
    await openDashboard()
    const steps: [string, () => Promise<void>, string][] = [
      ['+1 min', () => page.getByRole('button', { name: '+1 min' }).click(), '08:01:00'],
      ['+5 min', () => page.getByRole('button', { name: '+5 min' }).click(), '08:06:00'],
      ['+2 h', () => page.getByRole('button', { name: '+2 h' }).click(), '10:06:00'],
      [
        '-30 s',
        async () => {
          await page.getByLabel('Advance by seconds').fill('-30')
          await page.getByRole('button', { name: 'Advance', exact: true }).click()
        },
        '10:05:30',
      ],
      [
        'set',
        async () => {
          await page.getByLabel('Set to (UTC)').fill('2026-03-02T09:15:20')
          await page.getByRole('button', { name: 'Set', exact: true }).click()
        },
        '09:15:20',
      ],
    ]
    for (const [, step, time] of steps) {
      await step()
      await expect.poll(clockText).toMatch(new RegExp(` ${time}$`))
    }
    expect(await standin.control('clock')).toEqual({
      now: '2026-03-02T09:15:20.000Z',
      frozen: true,
    })
    expect(await page.locator('#clock-status').textContent()).toBe(
      'Set: now 2026-03-02 09:15:20 UTC.',
    )

    const freeze = page.getByRole('button', { name: 'Freeze clock' })
    expect(await freeze.getAttribute('aria-pressed')).toBe('true')
    await freeze.click()
    await expect.poll(() => freeze.getAttribute('aria-pressed')).toBe('false')
    expect(await page.locator('#clock-mode').textContent()).toBe('running')
    expect(((await standin.control('clock')) as { frozen: boolean }).frozen).toBe(false)
  })

  it('shows a new credential live and counts it down in virtual time until it expires', async () => {
    await openDashboard()
    await issueToken('ana')
    const row = page.locator('tr', { hasText: 'ana' })
    await row.waitFor()
    expect(await row.locator('[data-label="Expires"]').innerText()).toBe(
      'in 1 min\n2026-03-01 08:01:00',
    )
    expect(await row.locator('[data-label="Status"]').textContent()).toBe('active')
    await page.getByRole('button', { name: '+1 min' }).click()
    await expect.poll(() => row.locator('[data-label="Status"]').textContent()).toBe('expired')
    expect(await row.locator('[data-label="Expires"]').innerText()).toBe(
      'expired just now\n2026-03-01 08:01:00',
    )
  })

  it('expires a token from its row, and the client’s next call fails with the reason in the journal', async () => {
    await openDashboard()
    const token = await issueToken('ana')
    expect((await callData(token)).status).toBe(200)
    await expect.poll(firstJournalEntry).toBe('08:00:00 200 GET /echo/data echo')

    await page.getByRole('button', { name: 'Expire access_token of ana (echo)' }).click()
    const row = page.locator('tr', { hasText: 'ana' })
    await expect.poll(() => row.locator('[data-label="Status"]').textContent()).toBe('expired')
    const { tokens } = (await standin.control('tokens')) as { tokens: { status: string }[] }
    expect(tokens.map((t) => t.status)).toEqual(['expired'])

    const refused = await callData(token)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ fault: 'token_expired', message: 'expired' })
    await expect
      .poll(firstJournalEntry)
      .toBe('08:00:00 401 GET /echo/data echo | Refused: token expired')
    expect(await page.getByRole('alert').isVisible()).toBe(false)
  })

  it('revokes a token from its row and then offers no lever on it', async () => {
    await openDashboard()
    await issueToken('ben')
    await page.getByRole('button', { name: 'Revoke access_token of ben (echo)' }).click()
    const row = page.locator('tr', { hasText: 'ben' })
    await expect.poll(() => row.locator('[data-label="Status"]').textContent()).toBe('revoked')
    expect(await row.getByRole('button').count()).toBe(0)
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toBe('Revoked access_token of ben (echo).')
  })

  it('works from the keyboard alone, with the focus visible', async () => {
    await openDashboard()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to the request journal',
    )
    let focused = ''
    for (let i = 0; i < 40 && focused !== '+5 min'; i++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate(() => document.activeElement?.textContent ?? '')
    }
    expect(focused).toBe('+5 min')
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element)
      return `${style.outlineStyle} ${style.outlineWidth}`
    })
    expect(outline).toBe('solid 3px')
    await page.keyboard.press('Enter')
    await expect.poll(clockText).toBe('2026-03-01 08:05:00')
    // The event stream may show the new time before the call answers; until then the button is
    // busy (aria-busy) and ignores a second press, as it should.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-busy') ?? null))
      .toBe(null)
    await page.keyboard.press('Space')
    await expect.poll(clockText).toBe('2026-03-01 08:10:00')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('+5 min')
  })

  it('keeps the keyboard focus on a lever when the credential list updates live', async () => {
    await openDashboard()
    await issueToken('ana')
    const lever = page.getByRole('button', { name: 'Revoke access_token of ana (echo)' })
    await lever.focus()
    await issueToken('ben')
    await page.locator('tr', { hasText: 'ben' }).waitFor()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Revoke access_token of ana (echo)',
    )
  })

  it('adds a route rule, switches its mode, shows why proxy is refused, and removes it', async () => {
    await openDashboard()
    const panel = page.locator('#routes-panel')
    await panel.getByLabel('Provider').selectOption('echo')
    await panel.getByLabel('Mode', { exact: true }).selectOption('replay')
    await panel.getByRole('button', { name: 'Add rule' }).click()
    const mode = panel.getByLabel('Mode of echo /**')
    await expect.poll(() => mode.inputValue()).toBe('replay')
    expect(await standin.control('routes')).toMatchObject({
      routes: [{ provider: 'echo', path: '/**', mode: 'replay' }],
    })
    await mode.selectOption('mock')
    await expect.poll(() => page.locator('#announcer').textContent()).toBe('echo /** now mock.')
    await mode.selectOption('proxy')
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(
        'Invalid payload: routes[0].mode: standin cannot swap credentials for echo; routes[0].mode: "proxy" forwards to the real echo, so it needs an upstream.',
      )
    // Chromium also logs the refused PUT, as it logs every failed load.
    expect(dashboard.errors.splice(0)).toEqual([
      expect.stringMatching(/^Failed to load resource: .* 400 .*\/_standin\/routes\)$/),
    ])
    await panel.getByRole('button', { name: 'Remove the rule for echo /**' }).click()
    await expect
      .poll(() => page.locator('#routes-body p').first().textContent())
      .toBe('No rules: every route is simulated (mock).')
    expect(await standin.control('routes')).toMatchObject({ routes: [] })
  })

  it('runs inside an isolated session, moving only that session’s clock', async () => {
    await openDashboard()
    const created = await standin.fetch('/_standin/sessions', { method: 'POST' })
    const { baseUrl } = (await created.json()) as { baseUrl: string }
    await page.goto(`${baseUrl}/_standin/ui`)
    await page.locator('body[data-ready="true"]').waitFor()
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
    await page.getByRole('button', { name: '+2 h' }).click()
    await expect.poll(clockText).toBe('2026-03-01 10:00:00')
    const session = (await (await fetch(`${baseUrl}/_standin/clock`)).json()) as { now: string }
    expect(session.now).toBe('2026-03-01T10:00:00.000Z')
    expect(await standin.control('clock')).toEqual({ now: START, frozen: true })
  })

  it('asks for the admin token when the control plane wants one, then works with it', async () => {
    await openDashboard()
    const guarded = await serveStandin({
      providers: [echoProvider],
      scenario: SCENARIO,
      adminToken: 'a-qa-admin-token-1234',
    })
    try {
      await page.goto(`${guarded.url}/_standin/ui/`)
      const form = page.getByRole('form', { name: 'This standin needs its admin token' })
      await form.waitFor()
      expect(await page.locator('#live').textContent()).toBe('Needs the admin token')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('admin-token')
      await page.getByLabel('Admin token', { exact: true }).fill('a-qa-admin-token-1234')
      await page.getByRole('button', { name: 'Use token' }).click()
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
      expect(await form.isVisible()).toBe(false)
      await page.getByRole('button', { name: '+5 min' }).click()
      await expect.poll(clockText).toBe('2026-03-01 08:05:00')
      const clock = await guarded.fetch('/_standin/clock', {
        headers: { authorization: 'Bearer a-qa-admin-token-1234' },
      })
      expect(await clock.json()).toEqual({ now: '2026-03-01T08:05:00.000Z', frozen: true })
    } finally {
      await page.goto('about:blank')
      await guarded.close()
    }
    // Chromium logs each refused call before the token was given, as it logs every failed load.
    const refused = dashboard.errors.splice(0)
    expect(refused.length).toBeGreaterThan(0)
    for (const line of refused) expect(line).toMatch(/^Failed to load resource: .* 401 /)
  })

  it('reads at 1280 px and on a narrow window without sideways scrolling', async () => {
    await openDashboard()
    await issueToken('a-subject-with-a-rather-long-name')
    await callData('nope')
    await page.locator('#journal-list > li').first().waitFor()
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, `${width} px`).toBe(0)
    }
    // Narrow: table cells read as labelled cards (polled: a live update may replace the row).
    await expect
      .poll(() =>
        page
          .locator('td[data-label="Subject"]')
          .first()
          .evaluate((cell) => getComputedStyle(cell, '::before').content),
      )
      .toBe('"Subject"')
  })

  it.each([
    [
      'token expired at 2026-03-01T08:04:48.000Z (virtual time)',
      '2026-03-01T08:05:00.000Z',
      'token expired 12 s ago (virtual time)',
    ],
    [
      'token expires at 2026-03-01T10:05:00Z',
      '2026-03-01T08:00:00.000Z',
      'token expires in 2 h 5 min',
    ],
    ['approved at 2026-03-01T08:05:00.000Z', '2026-03-01T08:05:00.000Z', 'approved just now'],
    [
      'assertion iat 2026-03-01T08:04:48Z is too old (real time)',
      '2026-03-01T08:05:00.000Z',
      'assertion iat 2026-03-01T08:04:48Z is too old (real time)',
    ],
    [
      'rate window opened 2026-03-01T07:59:00Z',
      '2026-03-01T08:00:00.000Z',
      'rate window opened 2026-03-01 07:59:00 (1 min ago)',
    ],
  ])('phrases the reason %j relative to the request', async (why, at, phrase) => {
    await openDashboard()
    // Imported by the page itself, from the same URL the dashboard loads it from.
    const described = await page.evaluate(
      `import('./format.js').then((m) => m.describeWhy(${JSON.stringify(why)}, ${JSON.stringify(at)}))`,
    )
    expect(described).toBe(phrase)
  })
})
