/**
 * content=report (reports defined in the fixtures, exported like flat records) and content=log
 * (the project's logging, with what imports, deletes and user changes append, and its filters).
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  call,
  CSV_TYPE,
  errorXml,
  json,
  JSON_TYPE,
  startClassicWith,
  startDefault,
  TOKEN_A,
  XML_HEAD,
  XML_TYPE,
  type Params,
} from './support.js'
import { LOG_TRIM_SLACK, MAX_LOG_ENTRIES } from '../../../src/providers/redcap/state/logging.js'

const REPORT = { token: ALICE_CLASSIC, content: 'report', report_id: '101' }

describe('report', () => {
  it('exports a report in json, csv and xml with its filter applied', async () => {
    const t = await startDefault()
    const row = {
      record_id: '2',
      first_name: 'Ben',
      smoker: '1',
      conditions___1: '0',
      conditions___2: '1',
      conditions___3: '1',
      conditions___99: '0',
    }
    expect(await json(t, REPORT)).toEqual([row])
    expect(await call(t, { ...REPORT, format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'record_id,first_name,smoker,conditions___1,conditions___2,conditions___3,conditions___99\n2,Ben,1,0,1,1,0\n',
    })
    expect(await call(t, REPORT)).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}\n<records>\n<item>${Object.entries(row)
        .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
        .join('')}</item>\n</records>`,
    })
  })

  it('honours rawOrLabel, rawOrLabelHeaders, exportCheckboxLabel and csvDelimiter', async () => {
    const t = await startDefault()
    expect(
      (
        await call(t, {
          ...REPORT,
          format: 'csv',
          rawOrLabel: 'label',
          rawOrLabelHeaders: 'label',
          exportCheckboxLabel: 'true',
          csvDelimiter: ';',
        })
      ).body,
    ).toBe(
      '"Record ID";"First name";"Do you smoke?";"Conditions (choice=Asthma)";"Conditions (choice=Diabetes)";"Conditions (choice=Hypertension)";"Conditions (choice=None of these)"\n2;Ben;Yes;;Diabetes;Hypertension;\n',
    )
  })

  it('narrows a longitudinal report to its events', async () => {
    const t = await startDefault()
    expect(
      (await call(t, { token: ALICE_LONG, content: 'report', report_id: '201', format: 'csv' }))
        .body,
    ).toBe(
      'study_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,visit_date,sbp\n1001,visit_1_arm_1,,,,\n1001,visit_1_arm_1,vitals,1,2026-01-19,128\n1001,visit_1_arm_1,vitals,2,2026-01-21,122\n1001,visit_2_arm_1,,,2026-01-26,118\n',
    )
  })

  it.each<[string, Params]>([
    ['another project’s report', { report_id: '201' }],
    ['an unknown report', { report_id: '999' }],
  ])('answers 403 to %s', async (_name, params) => {
    const t = await startDefault()
    const id = params.report_id as string
    expect(await call(t, { ...REPORT, ...params, format: 'json' })).toEqual({
      status: 403,
      type: JSON_TYPE,
      body: JSON.stringify({
        error: `The API request cannot complete because report_id=${id} does not belong to this project.`,
      }),
    })
  })

  it('answers 403 without data export rights', async () => {
    const t = await startClassicWith({ dataExport: 'none' })
    expect(await call(t, { ...REPORT, token: TOKEN_A })).toEqual({
      status: 403,
      type: XML_TYPE,
      body: errorXml(
        'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
      ),
    })
  })
})

const LOG = { token: ALICE_CLASSIC, content: 'log' }
const HEADER = 'timestamp,username,action,details,record\n'

/** The classic fixture's logging, newest first. */
const FIXTURE_LOG = [
  {
    timestamp: '2026-01-07 08:30',
    username: 'alice',
    action: 'Edit user etl_service',
    details: "user = 'etl_service'",
    record: '',
  },
  {
    timestamp: '2026-01-06 11:00',
    username: 'alice',
    action: 'Create record (API) 2',
    details: "record_id = '2', first_name = 'Ben'",
    record: '2',
  },
  {
    timestamp: '2026-01-05 10:15',
    username: 'alice',
    action: 'Create record (API) 1',
    details: "record_id = '1', first_name = 'Ana'",
    record: '1',
  },
  {
    timestamp: '2026-01-05 09:00',
    username: 'alice',
    action: 'Manage/Design ',
    details: 'Create project',
    record: '',
  },
]

describe('log', () => {
  it('exports the logging newest first in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, LOG)).toEqual(FIXTURE_LOG)
    const newest = '"Manage/Design ","Export Logging (API)",\n'
    const csv = (await call(t, { ...LOG, format: 'csv', endTime: '2026-01-06 00:00' })).body
    expect(csv).toBe(
      `${HEADER}"2026-01-05 10:15",alice,"Create record (API) 1","record_id = '1', first_name = 'Ana'",1\n"2026-01-05 09:00",alice,"Manage/Design ","Create project",\n`,
    )
    expect(csv).not.toContain(newest)
    expect(
      (await call(t, { ...LOG, beginTime: '2026-01-07 08:30', endTime: '2026-01-07 08:30' })).body,
    ).toBe(
      `${XML_HEAD}\n<records>\n<item><timestamp><![CDATA[2026-01-07 08:30]]></timestamp><username><![CDATA[alice]]></username><action><![CDATA[Edit user etl_service]]></action><details><![CDATA[user = 'etl_service']]></details><record></record></item>\n</records>`,
    )
  })

  it('logs imports, deletes, user changes and its own export', async () => {
    const t = await startDefault()
    t.clock.set(new Date('2026-03-02T09:41:00Z'))
    await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'csv',
      data: 'record_id,first_name,conditions___2\n2,Benjamin,0\n9,Ivy,1\n',
    })
    await call(t, { token: ALICE_CLASSIC, content: 'record', action: 'delete', records: ['9'] })
    await call(t, {
      token: ALICE_CLASSIC,
      content: 'user',
      format: 'json',
      data: '[{"username":"zoe"}]',
    })
    await call(t, { ...LOG, format: 'csv' })
    expect((await call(t, { ...LOG, format: 'csv', beginTime: '2026-03-02 09:41' })).body).toBe(
      HEADER +
        [
          '"2026-03-02 09:41",alice,"Manage/Design ","Export Logging (API)",',
          '"2026-03-02 09:41",alice,"Add user zoe","user = \'zoe\'",',
          '"2026-03-02 09:41",alice,"Delete record (API) 9","record_id = \'9\'",9',
          '"2026-03-02 09:41",alice,"Create record (API) 9","record_id = \'9\', first_name = \'Ivy\', conditions(2) = checked",9',
          '"2026-03-02 09:41",alice,"Update record (API) 2","first_name = \'Benjamin\', conditions(2) = unchecked",2',
        ]
          .map((l) => `${l}\n`)
          .join(''),
    )
  })

  it.each<[string, Params, string[]]>([
    ['logtype=record', { logtype: 'record' }, ['Create record (API) 2', 'Create record (API) 1']],
    ['logtype=user', { logtype: 'user' }, ['Edit user etl_service']],
    ['logtype=manage', { logtype: 'manage' }, ['Manage/Design ']],
    ['record', { record: '1' }, ['Create record (API) 1']],
    ['user', { user: 'bob' }, []],
    [
      'a time window',
      { beginTime: '2026-01-05 10:00', endTime: '2026-01-06 23:59' },
      ['Create record (API) 2', 'Create record (API) 1'],
    ],
  ])('filters by %s', async (_name, params, actions) => {
    const t = await startDefault()
    const rows = (await json(t, { ...LOG, ...params })) as { action: string }[]
    expect(rows.map((r) => r.action)).toEqual(actions)
  })

  it('filters by DAG through the records the entries are about', async () => {
    const t = await startDefault()
    const rows = (await json(t, { token: ALICE_LONG, content: 'log', dag: 'site_b' })) as {
      action: string
    }[]
    expect(rows.map((r) => r.action)).toEqual(['Create record (API) 1002'])
  })

  it('keeps the newest entries once the Logging is full, never more than its bound', async () => {
    const t = await startDefault()
    const count = MAX_LOG_ENTRIES + LOG_TRIM_SLACK + 50
    const ids = Array.from({ length: count }, (_, i) => String(100_000 + i))
    const imported = await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'json',
      data: JSON.stringify(ids.map((id) => ({ record_id: id }))),
    })
    expect(imported.body).toBe(`{"count": ${String(count)}}`)
    const rows = (await json(t, LOG)) as { action: string }[]
    expect(rows.length).toBeGreaterThanOrEqual(MAX_LOG_ENTRIES)
    expect(rows.length).toBeLessThanOrEqual(MAX_LOG_ENTRIES + LOG_TRIM_SLACK)
    // Newest first: exactly the last records imported, the fixture's entries forgotten.
    const kept = ids.slice(-rows.length).reverse()
    expect(rows.map((r) => r.action)).toEqual(kept.map((id) => `Create record (API) ${id}`))
    // Each export appends its own entry, and the bound holds across many of them.
    for (let i = 0; i < LOG_TRIM_SLACK + 10; i++)
      await call(t, { ...LOG, format: 'csv', user: '-' })
    const after = (await json(t, LOG)) as { action: string }[]
    expect(after.length).toBeGreaterThanOrEqual(MAX_LOG_ENTRIES)
    expect(after.length).toBeLessThanOrEqual(MAX_LOG_ENTRIES + LOG_TRIM_SLACK)
    expect(after[0]?.action).toBe('Manage/Design ')
    expect(after.at(-1)).not.toEqual(rows.at(-1))
  })

  it('answers only the csv header when nothing matches', async () => {
    const t = await startDefault()
    expect(await call(t, { ...LOG, format: 'csv', user: 'nobody' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: HEADER,
    })
  })

  it.each<[string, Record<string, unknown>, string]>([
    [
      'the Logging right',
      { logging: false },
      'The API request cannot complete because currently you do not have "Logging" privileges, which are required for this operation.',
    ],
    [
      'data export rights',
      { dataExport: 'none' },
      'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
    ],
    ['API Export', { apiExport: false }, 'You do not have API Export privileges'],
  ])('answers 403 without %s', async (_name, rights, message) => {
    const t = await startClassicWith(rights)
    expect(await call(t, { token: TOKEN_A, content: 'log', format: 'csv' })).toEqual({
      status: 403,
      type: CSV_TYPE,
      body: `ERROR: ${message}`,
    })
  })
})
