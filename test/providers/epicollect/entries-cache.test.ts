/**
 * The entries page cache (src/providers/epicollect/routes/entries-cache.ts) and the CORS headers set as
 * responses are built: a repeated page is the same bytes, pages and hosts are kept apart, an empty
 * selection still says "now", and every answer, errors included, carries the CORS headers.
 */
import { describe, expect, it } from 'vitest'
import { bearer, RIVER, standin, token, TREES } from './support.js'

const ENTRIES = '/epicollect/api/export/entries'

interface Page {
  meta: { current_page: number; newest: string; total: number }
  data: { entries: { ec5_uuid: string }[] }
  links: { self: string }
}

describe('entries page cache', () => {
  it('answers a repeated page with the same bytes and other pages with their own', async () => {
    const t = await standin()
    const auth = bearer(await token(t))
    const first = await (await t.request(`${ENTRIES}/${RIVER}?per_page=5`, auth)).text()
    const again = await (await t.request(`${ENTRIES}/${RIVER}?per_page=5`, auth)).text()
    const second = (await (
      await t.request(`${ENTRIES}/${RIVER}?per_page=5&page=2`, auth)
    ).json()) as Page
    expect(again).toBe(first)
    const page = JSON.parse(first) as Page
    expect(page.meta.current_page).toBe(1)
    expect(second.meta.current_page).toBe(2)
    const uuids = new Set(page.data.entries.map((e) => e.ec5_uuid))
    for (const entry of second.data.entries) expect(uuids.has(entry.ec5_uuid)).toBe(false)
  })

  it('reads the query on every miss: the same page however it is written, a refusal every time', async () => {
    const t = await standin()
    const page = async (query: string) =>
      await (await t.request(`${ENTRIES}/${TREES}${query}`)).text()
    const ordered = await page('?per_page=2&page=2')
    expect(await page('?page=2&per_page=2')).toBe(ordered)
    expect(await page('?per_page=2&page=2&unknown=1')).toBe(ordered)
    for (let i = 0; i < 2; i++) {
      const refused = await t.request(`${ENTRIES}/${TREES}?map_index=9`)
      expect(refused.status).toBe(400)
      expect(await refused.text()).toContain('ec5_322')
    }
  })

  it('builds the links from the host each client used', async () => {
    const t = await standin()
    const path = `${ENTRIES}/${TREES}?per_page=3`
    const local = (await (await t.request(path)).json()) as Page
    const other = (await (await t.request(`http://standin.test:9999${path}`)).json()) as Page
    expect(local.links.self).not.toContain('standin.test')
    expect(other.links.self).toContain('standin.test:9999')
  })

  it('says "now" for an empty selection after the clock moves', async () => {
    const t = await standin()
    const empty = `${ENTRIES}/${TREES}?filter_by=created_at&filter_from=2099-01-01`
    const before = (await (await t.request(empty)).json()) as Page
    expect(before.meta.total).toBe(0)
    t.clock.advance(3600)
    const after = (await (await t.request(empty)).json()) as Page
    expect(Date.parse(after.meta.newest) - Date.parse(before.meta.newest)).toBeGreaterThanOrEqual(
      3600_000,
    )
  })

  it.each([
    ['a page', `${ENTRIES}/${TREES}?per_page=1`, 'GET', 200],
    ['a private project without a token', `${ENTRIES}/${RIVER}`, 'GET', 404],
    ['an unknown project', `${ENTRIES}/no-such-project`, 'GET', 404],
    ['a method the route has not', `${ENTRIES}/${TREES}`, 'DELETE', 422],
  ])('sends the CORS headers with %s', async (_name, path, method, status) => {
    const t = await standin()
    const response = await t.request(path, { method })
    expect(response.status).toBe(status)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'Authorization, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining',
    )
  })
})
