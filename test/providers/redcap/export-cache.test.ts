/**
 * The record export cache (src/providers/redcap/contents/export-cache.ts): a repeated export is answered
 * from the cache, and every kind of change (record import, record delete, rights, DAG, design) is
 * seen by the next export, through the API as clients make them.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  call,
  ETL_CLASSIC,
  startDefault,
  type Params,
} from './support.js'
import type { TestStandin } from '../../../src/testing/index.js'

type Row = Record<string, string>

async function exported(t: TestStandin, token: string, extra: Params = {}): Promise<Row[]> {
  const answer = await call(t, { token, content: 'record', format: 'json', ...extra })
  expect(answer.status).toBe(200)
  return JSON.parse(answer.body) as Row[]
}

/** Record names: the first column, whatever the project calls its record ID field. */
const ids = (rows: readonly Row[]) => [...new Set(rows.map((r) => Object.values(r)[0]))]

describe('record export cache', () => {
  it('answers a repeated export with the same bytes', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'record', format: 'csv' }
    const first = await call(t, params)
    const second = await call(t, params)
    expect(second).toEqual(first)
    expect(first.body.split('\n')[0]).toMatch(/^record_id,first_name,/)
  })

  it('sees a record import', async () => {
    const t = await startDefault()
    expect(ids(await exported(t, ALICE_CLASSIC))).not.toContain('77')
    const data = JSON.stringify([{ record_id: '77', first_name: 'Cached', last_name: 'Not' }])
    const imported = await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'json',
      data,
    })
    expect(imported.body).toBe('{"count": 1}')
    const after = await exported(t, ALICE_CLASSIC)
    expect(after.find((r) => r.record_id === '77')?.first_name).toBe('Cached')
  })

  it('sees a change to a record it already holds', async () => {
    const t = await startDefault()
    expect((await exported(t, ALICE_CLASSIC)).find((r) => r.record_id === '1')?.first_name).toBe(
      'Ana',
    )
    const data = JSON.stringify([{ record_id: '1', first_name: 'Anna' }])
    await call(t, { token: ALICE_CLASSIC, content: 'record', format: 'json', data })
    expect((await exported(t, ALICE_CLASSIC)).find((r) => r.record_id === '1')?.first_name).toBe(
      'Anna',
    )
  })

  it('sees a record delete', async () => {
    const t = await startDefault()
    expect(ids(await exported(t, ALICE_CLASSIC))).toContain('2')
    const deleted = await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      action: 'delete',
      records: ['2'],
    })
    expect(deleted.body).toBe('1')
    expect(ids(await exported(t, ALICE_CLASSIC))).not.toContain('2')
  })

  it("sees a change to the caller's export rights", async () => {
    const t = await startDefault()
    expect((await exported(t, ETL_CLASSIC))[0]).toHaveProperty('first_name')
    const data = JSON.stringify([{ username: 'etl_service', data_export: 2 }])
    expect(
      (await call(t, { token: ALICE_CLASSIC, content: 'user', format: 'json', data })).body,
    ).toBe('1')
    const after = await exported(t, ETL_CLASSIC)
    expect(after[0]).not.toHaveProperty('first_name')
    expect(after[0]).toHaveProperty('record_id')
  })

  it("sees a change to the caller's DAG", async () => {
    const t = await startDefault()
    const event = (await exported(t, ALICE_LONG))[0]?.redcap_event_name ?? ''
    const record = JSON.stringify([
      { study_id: '500', redcap_event_name: event, redcap_data_access_group: 'site_a' },
    ])
    await call(t, { token: ALICE_LONG, content: 'record', format: 'json', data: record })
    expect(ids(await exported(t, ALICE_LONG))).toContain('500')
    expect(ids(await exported(t, ALICE_LONG))).toContain('500')
    const data = JSON.stringify([{ username: 'alice', data_access_group: 'site_b' }])
    expect((await call(t, { token: ALICE_LONG, content: 'user', format: 'json', data })).body).toBe(
      '1',
    )
    expect(ids(await exported(t, ALICE_LONG))).not.toContain('500')
  })

  it('sees a design change', async () => {
    const t = await startDefault()
    expect((await exported(t, ALICE_CLASSIC))[0]).toHaveProperty('dob')
    const metadata = await call(t, { token: ALICE_CLASSIC, content: 'metadata', format: 'json' })
    const fields = (JSON.parse(metadata.body) as Row[]).filter((f) => f.field_name !== 'dob')
    const data = JSON.stringify(fields)
    const imported = await call(t, {
      token: ALICE_CLASSIC,
      content: 'metadata',
      format: 'json',
      data,
    })
    expect(imported.body).toBe(String(fields.length))
    expect((await exported(t, ALICE_CLASSIC))[0]).not.toHaveProperty('dob')
  })

  it('keeps answers for different parameters apart', async () => {
    const t = await startDefault()
    const all = await exported(t, ALICE_CLASSIC)
    const one = await exported(t, ALICE_CLASSIC, { records: ['1'] })
    expect(ids(one)).toEqual(['1'])
    expect(all.length).toBeGreaterThan(1)
    expect(await exported(t, ALICE_CLASSIC)).toEqual(all)
  })
})
