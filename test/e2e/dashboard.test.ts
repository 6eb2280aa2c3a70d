/**
 * The dashboard in a real browser (Debian's Chromium, headless) against a real standin socket, with
 * the echo provider: the clock, the credential levers, the live journal over SSE, the keyboard.
 */
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, watchErrors, type Browser } from '../support/browser.js'
import { serveStandin, type ServedStandin } from '../support/dashboard.js'
import { echoProvider } from '../support/echo-provider.js'

const START = '2026-03-01T08:00:00.000Z'
const SCENARIO = {
  name: 'dashboard',
  clock: { start: START, frozen: true },
  providers: { echo: { ttlSeconds: 60 } },
}

let browser: Browser
let standin: ServedStandin
let page: Page
let errors: string[]

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser.close()
})

async function openDashboard(): Promise<void> {
  standin = await serveStandin({ providers: [echoProvider], scenario: SCENARIO })
  page = await browser.context.newPage()
  errors = watchErrors(page)
  await page.goto(`${standin.url}/_standin/ui`)
  await page.locator('body[data-ready="true"]').waitFor()
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
}

afterEach(async () => {
  await page.close()
  await standin.close()
  expect(errors).toEqual([])
})

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
/** The newest journal entry as one line: its facts, then ` | ` and the reason when it has one. */
const firstJournalEntry = () =>
  page
    .locator('#journal-list > li')
    .first()
    .evaluate((li) => {
      const facts = [...li.querySelectorAll('.entry-line > *')].map((e) => e.textContent)
      const why = li.querySelector('.why')?.textContent
      return [facts.join(' '), why].filter(Boolean).join(' | ')
    })

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
      'No route rules: every route is simulated (mock).',
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

  it('loads a scenario from the picker and resets to it', async () => {
    await openDashboard()
    await issueToken('ana')
    await page.locator('tr', { hasText: 'ana' }).waitFor()
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('default')
    await page.getByRole('button', { name: 'Load' }).click()
    await expect.poll(() => page.locator('#scenario-name').textContent()).toBe('default')
    expect(await page.locator('#tokens-body').textContent()).toBe('No credentials issued yet.')
    await issueToken('cy')
    await page.locator('tr', { hasText: 'cy' }).waitFor()
    await page.getByRole('button', { name: 'Reset to scenario' }).click()
    await expect
      .poll(() => page.locator('#tokens-body').textContent())
      .toBe('No credentials issued yet.')
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
    // Narrow: table cells read as labelled cards.
    const label = await page
      .locator('td[data-label="Subject"]')
      .first()
      .evaluate((cell) => getComputedStyle(cell, '::before').content)
    expect(label).toBe('"Subject"')
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
