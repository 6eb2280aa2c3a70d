/**
 * A standin on a real socket (127.0.0.1, free port) built as `standin start` builds it, and the
 * dashboard open on it in Chromium, for the browser tests.
 */
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { createStandin } from '../../src/node/create.js'
import { serveApp } from '../../src/node/serve.js'
import type { AnyProvider } from '../../src/providers/provider.js'
import type { World } from '../../src/world.js'
import { launchBrowser, watchErrors, type Browser } from './browser.js'

export interface ServedStandin {
  readonly url: string
  readonly ui: string
  readonly world: World
  /** fetch against the server, path relative to its root. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** A control-plane call, JSON in and out: GET without a body, POST with one. */
  control(path: string, body?: unknown): Promise<unknown>
  /** The ids of every credential issued so far. */
  credentialIds(): Promise<Set<string>>
  close(): Promise<void>
}

export interface StandinChoice {
  readonly providers?: readonly AnyProvider[]
  readonly scenario?: string | Record<string, unknown>
  readonly adminToken?: string
}

export async function serveStandin(options: StandinChoice): Promise<ServedStandin> {
  const standin = await createStandin({
    seed: 'dashboard',
    ...(options.providers ? { providers: options.providers } : {}),
    scenario: options.scenario,
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
  })
  const server = await serveApp(standin.fetch, { host: '127.0.0.1', port: 0 })
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init)
  const control = async (path: string, body?: unknown) => {
    const init: RequestInit =
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }
    return (await (await call(`/_standin/${path}`, init)).json()) as unknown
  }
  return {
    url: server.url,
    ui: `${server.url}/_standin/ui/`,
    world: standin.world,
    fetch: call,
    control,
    credentialIds: async () => {
      const { tokens } = (await control('tokens')) as { tokens: { id: string }[] }
      return new Set(tokens.map((token) => token.id))
    },
    close: () => server.close(),
  }
}

export interface OpenDashboard {
  readonly standin: ServedStandin
  readonly page: Page
  /** Console errors and uncaught exceptions so far: a test ends with none. */
  readonly errors: string[]
  close(): Promise<void>
}

/** Serves a standin, opens /_standin/ui on it and waits until it has loaded and is live. */
export async function openDashboard(
  browser: Browser,
  choice: StandinChoice,
): Promise<OpenDashboard> {
  const standin = await serveStandin(choice)
  const page = await browser.context.newPage()
  const errors = watchErrors(page)
  await page.goto(`${standin.url}/_standin/ui`)
  await page.locator('body[data-ready="true"]').waitFor()
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
  return {
    standin,
    page,
    errors,
    close: async () => {
      await page.close()
      await standin.close()
    },
  }
}

/** The newest journal entry as one line: its facts, then ` | ` and the reason when it has one. */
export function newestJournalEntry(page: Page): Promise<string> {
  return page
    .locator('#journal-list > li')
    .first()
    .evaluate((li) => {
      const facts = [...li.querySelectorAll('.entry-line > *')].map((e) => e.textContent)
      const why = li.querySelector('.why')?.textContent
      return [facts.join(' '), why].filter(Boolean).join(' | ')
    })
}

/**
 * One Chromium for the file; `open()` serves a standin and opens its dashboard, and after each test
 * the page and server close and the page must have logged no errors.
 */
export function useDashboard(choice: StandinChoice): { open(): Promise<OpenDashboard> } {
  let browser: Browser | undefined
  let current: OpenDashboard | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    const dashboard = current
    current = undefined
    if (!dashboard) return
    await dashboard.close()
    expect(dashboard.errors).toEqual([])
  })
  return {
    open: async () => (current = await openDashboard(browser!, choice)),
  }
}
