/**
 * The Epicollect5 web app's public routes on a real socket, as a browser or the mobile app calls
 * them without a token: entries and branch entries page by page, the map's GeoJSON, and the 404
 * every private project gets.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../src/testing/index.js'

const TREES = 'ec5-urban-trees'
const FORM = '2c5a07d40e0e66910bb774e3c51ca21c_66605a563420a'
const BRANCH = `${FORM}_66605d5a3b980`
const LOCATION = `${FORM}_66605e3d8438c`
const PRIVATE = {
  errors: [
    { code: 'ec5_77', title: 'This project is private. Please log in.', source: 'middleware' },
  ],
}

let started: StartedStandin | undefined

afterEach(async () => {
  await started?.close()
  started = undefined
})

/** The default scenario on a free loopback port; returns the server root. */
async function serve(): Promise<string> {
  started = await startStandin({ scenario: { clock: { start: '2026-01-15T09:00:00Z' } } })
  return started.url
}

interface Page {
  meta: { total: number; current_page: number; last_page: number }
  data: { entries?: { id: string }[]; geojson?: { features: { id: string }[] } }
  links: { next: string | null }
}

/** Follows links.next from the first URL; returns every id and the pages visited. */
async function walk(first: string, base: string) {
  const ids: string[] = []
  const pages: number[] = []
  let next: string | null = first
  while (next !== null) {
    expect(next.startsWith(base)).toBe(true)
    const response = await fetch(next)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
    const page = (await response.json()) as Page
    pages.push(page.meta.current_page)
    ids.push(...(page.data.entries ?? page.data.geojson?.features ?? []).map((e) => e.id))
    next = page.links.next
  }
  return { ids, pages }
}

function fixtureIds(file: string): string[] {
  const [table] = JSON.parse(
    readFileSync(`fixtures/epicollect/projects/${TREES}/${file}`, 'utf8'),
  ) as { rows: string[][] }[]
  return (table?.rows ?? []).map((row) => row[0] ?? '')
}

describe('the Epicollect5 web app routes over HTTP', () => {
  it('pages every entry and branch entry of a public project once, without a token', async () => {
    const base = await serve()
    const entries = await walk(`${base}/epicollect/api/entries/${TREES}?per_page=8`, base)
    expect(entries.pages).toEqual([1, 2, 3, 4, 5])
    expect([...entries.ids].sort()).toEqual(fixtureIds('entries.json').sort())
    const branch = await walk(
      `${base}/epicollect/api/entries/${TREES}?branch_ref=${BRANCH}&per_page=20`,
      base,
    )
    expect(branch.pages).toEqual([1, 2, 3])
    expect([...branch.ids].sort()).toEqual(fixtureIds('branch-entries.json').sort())
  })

  it('pages the map features in fixture order', async () => {
    const base = await serve()
    const url = `${base}/epicollect/api/entries-locations/${TREES}?input_ref=${LOCATION}&per_page=10`
    const features = await walk(url, base)
    expect(features.pages).toEqual([1, 2, 3, 4])
    expect(features.ids).toEqual(fixtureIds('entries.json'))
  })

  it.each([
    '/api/entries/ec5-river-watch',
    '/api/entries-locations/EC5-School-Bird-Count?input_ref=x',
  ])('refuses the private %s with 404 ec5_77', async (path) => {
    const base = await serve()
    const response = await fetch(`${base}/epicollect${path}`)
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 404,
      body: PRIVATE,
    })
  })
})
