/**
 * Debian's Chromium driven by playwright-core, headless and offline: a fresh profile per launch and
 * every background fetch (updates, sync, QUIC probes) switched off, since test machines have no
 * internet. `STANDIN_CHROMIUM` overrides the binary.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = process.env.STANDIN_CHROMIUM ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface Browser {
  readonly context: BrowserContext
  close(): Promise<void>
}

/** `args`: more Chromium switches, e.g. `--host-resolver-rules` to point a test name at 127.0.0.1. */
export async function launchBrowser(options: { args?: readonly string[] } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'standin-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Collects a page's console errors and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    errors.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  return errors
}
