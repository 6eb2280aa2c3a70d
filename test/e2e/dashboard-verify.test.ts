/**
 * The dashboard's verify and stub tools in a real browser: a journal row opens to the request and
 * response, the journal filters by provider and outcome, the overrides panel queues and removes a
 * stub, the scenario panel lists scripted events and saves the world as a scenario file, and
 * nothing overflows a 400 px window.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { type OpenDashboard, useDashboard, type ServedStandin } from '../support/dashboard.js'
import { ALICE_CLASSIC } from '../providers/redcap/support.js'

const dashboards = useDashboard({ scenario: 'default' })
let dashboard: OpenDashboard
let standin: ServedStandin
let page: Page

async function open(): Promise<void> {
  dashboard = await dashboards.open()
  ;({ standin, page } = dashboard)
}

function redcap(content: string): Promise<Response> {
  return fetch(`${standin.url}/redcap/api/`, {
    method: 'POST',
    body: new URLSearchParams({ token: ALICE_CLASSIC, content }),
  })
}

describe('dashboard: verify and stub', () => {
  it('opens a journal row to the request and response, secrets redacted, and filters rows', async () => {
    await open()
    await redcap('version')
    await fetch(`${standin.url}/redox/fhir/R4/redox-fhir-sandbox/Development/Patient?family=X`)
    const rows = page.locator('#journal-list > li')
    await expect.poll(() => rows.count()).toBe(2)
    const redcapRow = rows.filter({ hasText: '/redcap/api/' })
    await redcapRow.getByText('Request and response').click()
    const detail = await redcapRow.locator('details').innerText()
    expect(detail).toContain('content: version')
    expect(detail).toContain('token: [redacted]')
    expect(detail).toContain('Response 200')
    expect(detail).not.toContain(ALICE_CLASSIC)

    await page.locator('#journal-provider').selectOption('redox')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().innerText()).toContain('/redox/fhir/')
    await page.locator('#journal-provider').selectOption('')
    await page.locator('#journal-outcome').selectOption('ok')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().innerText()).toContain('/redcap/api/')
  })

  it('queues a stub from the overrides panel, shows it used up, and removes another', async () => {
    await open()
    const panel = page.locator('#overrides-panel')
    await panel.getByRole('button', { name: 'Queue' }).click()
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(1)
    expect(await panel.locator('tbody').innerText()).toContain('answer 200')
    const stubbed = await redcap('alerts')
    expect([stubbed.status, await stubbed.text()]).toEqual([200, '[]'])
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(0)
    await page
      .getByLabel('Override (JSON)')
      .fill('{"provider": "redox", "status": 503, "sticky": true}')
    await panel.getByRole('button', { name: 'Queue' }).click()
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(1)
    await panel.getByRole('button', { name: /^Remove override/ }).click()
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(0)
    expect(await standin.control('overrides')).toEqual({ overrides: [] })
  })

  it('lists scripted events as due, then fired, and saves the world as a scenario', async () => {
    await open()
    await standin.control('scenario', {
      name: 'with-event',
      clock: { start: '2026-03-01T08:00:00Z', frozen: true },
      events: [
        {
          name: 'expire all',
          at: '2026-03-01T09:00:00Z',
          do: { action: 'rateLimit', provider: 'redcap' },
        },
      ],
    })
    const events = page.locator('#scenario-events')
    await expect.poll(() => events.innerText()).toContain('due at 09:00:00')
    await standin.control('clock', { advance: 3601 })
    await expect.poll(() => events.innerText()).toContain('fired at')

    await expect.poll(() => page.locator('#scenario-name').textContent()).toBe('with-event')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save as scenario' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('with-event.yaml')
    const saved = parse(readFileSync(await file.path(), 'utf8')) as Record<string, unknown>
    expect(saved).toMatchObject({
      name: 'with-event',
      clock: { start: '2026-03-01T09:00:01.000Z' },
    })
  })

  it('fits a 400 px window: nothing wider than the page, no button past its card', async () => {
    await open()
    await redcap('version')
    await page.setViewportSize({ width: 400, height: 900 })
    await page.locator('#journal-list details summary').first().click()
    const overflow = await page.evaluate(() => {
      const out: string[] = []
      if (document.documentElement.scrollWidth > 400)
        out.push(`page is ${String(document.documentElement.scrollWidth)} px wide`)
      for (const control of document.querySelectorAll('button, select, input, textarea')) {
        if (control.closest('[hidden]')) continue
        const card = control.closest('.panel')
        if (!card) continue
        const a = control.getBoundingClientRect()
        const b = card.getBoundingClientRect()
        if (a.right > b.right + 0.5 || a.left < b.left - 0.5)
          out.push(
            `${control.outerHTML.slice(0, 60)} overhangs by ${String(Math.round(a.right - b.right))} px`,
          )
      }
      return out
    })
    expect(overflow).toEqual([])
  })
})
