/**
 * content=file: export with REDCap's Content-Type name= header, multipart import and delete on
 * file-upload fields, each change seen by record export and the log, and the error catalogue's
 * file messages.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  answer,
  api,
  call,
  CSV_TYPE,
  downloaded,
  errorXml,
  JSON_TYPE,
  startClassicWith,
  startDefault,
  startWith,
  TOKEN_A,
  upload,
  XML_TYPE,
  type Params,
} from './support.js'

describe('file', () => {
  it('exports a stored file with its name in the Content-Type', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'file', action: 'export' }
    expect(
      await downloaded(await api(t, { ...params, record: '1', field: 'consent_form' })),
    ).toEqual({
      status: 200,
      type: 'text/plain; name="consent-1.txt";charset=UTF-8',
      csp: "script-src 'none'",
      body: 'Signed consent for record 1.\n',
    })
  })

  it('exports the file of a longitudinal record from the named event', async () => {
    const t = await startDefault()
    const response = await api(t, {
      token: ALICE_LONG,
      content: 'file',
      action: 'export',
      record: '1001',
      field: 'scan',
      event: 'baseline_arm_1',
    })
    expect((await downloaded(response)).type).toBe('text/plain; name="scan-1001.txt";charset=UTF-8')
  })

  it('imports a file by multipart upload, then exports it back and shows its name', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'file', record: '2', field: 'consent_form' }
    const put = await upload(
      t,
      { ...params, action: 'import', returnFormat: 'json' },
      { name: 'ben-consent.png', type: 'image/png', text: 'PNG bytes' },
    )
    expect(await answer(put)).toEqual({ status: 200, type: JSON_TYPE, body: '' })
    expect(await downloaded(await api(t, { ...params, action: 'export' }))).toEqual({
      status: 200,
      type: 'image/png; name="ben-consent.png"',
      csp: "script-src 'none'",
      body: 'PNG bytes',
    })
    expect(
      (
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          format: 'csv',
          records: '2',
          fields: 'record_id,consent_form',
        })
      ).body,
    ).toBe('record_id,consent_form\n2,ben-consent.png\n')
  })

  it('replaces a stored file and guesses the type from the name when none is sent', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'file', record: '1', field: 'consent_form' }
    await upload(t, { ...params, action: 'import' }, { name: 'v2.txt', text: 'second' })
    expect(await downloaded(await api(t, { ...params, action: 'export' }))).toMatchObject({
      type: 'text/plain; name="v2.txt";charset=UTF-8',
      body: 'second',
    })
  })

  it('deletes a file with an empty reply, after which there is nothing to download', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'file', record: '1', field: 'consent_form' }
    expect(await call(t, { ...params, action: 'delete', returnFormat: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: '',
    })
    expect(await call(t, { ...params, action: 'export' })).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml('There is no file to download for this record'),
    })
  })

  it('logs uploads and deletes against the record', async () => {
    const t = await startDefault()
    t.clock.set(new Date('2026-03-02T14:05:30Z'))
    const params = { token: ALICE_CLASSIC, content: 'file', record: '2', field: 'consent_form' }
    await upload(t, { ...params, action: 'import' }, { name: 'a.txt', text: 'a' })
    await call(t, { ...params, action: 'delete' })
    const log = await call(t, {
      token: ALICE_CLASSIC,
      content: 'log',
      format: 'csv',
      record: '2',
      beginTime: '2026-03-01 00:00',
    })
    expect(log.body).toBe(
      'timestamp,username,action,details,record\n"2026-03-02 14:05",alice,"Update record (API) 2","consent_form = \'\'",2\n"2026-03-02 14:05",alice,"Update record (API) 2","consent_form = \'7\'",2\n',
    )
  })

  it.each<[string, Params, number, string]>([
    [
      'a field that is not a file field',
      { action: 'export', record: '1', field: 'first_name' },
      400,
      "The field 'first_name' does not exist or is not a 'file' field",
    ],
    [
      'a field that does not exist',
      { action: 'export', record: '1', field: 'mugshotttttt' },
      400,
      "The field 'mugshotttttt' does not exist or is not a 'file' field",
    ],
    [
      'an unknown record',
      { action: 'export', record: '99', field: 'consent_form' },
      400,
      'The record "99" does not exist',
    ],
    [
      'a record without a file',
      { action: 'export', record: '3', field: 'consent_form' },
      400,
      'There is no file to download for this record',
    ],
    [
      'a delete where there is no file',
      { action: 'delete', record: '3', field: 'consent_form' },
      400,
      'There is no file to delete for this record',
    ],
    [
      'an import without a file part',
      { action: 'import', record: '1', field: 'consent_form' },
      400,
      'No valid file was uploaded',
    ],
    [
      'a bad action',
      { action: 'rename', record: '1', field: 'consent_form' },
      400,
      'The value of the parameter "action" is not valid',
    ],
  ])('refuses %s', async (_name, params, status, message) => {
    const t = await startDefault()
    expect(
      await call(t, { token: ALICE_CLASSIC, content: 'file', format: 'csv', ...params }),
    ).toEqual({ status, type: CSV_TYPE, body: `ERROR: ${message}` })
  })

  it.each<[string, Params, string]>([
    ['a missing event', {}, 'invalid event'],
    ['an unknown event', { event: 'visit_9_arm_1' }, 'invalid event'],
    ['an event without the field', { event: 'visit_1_arm_1' }, 'invalid event'],
  ])('refuses a longitudinal export with %s', async (_name, params, message) => {
    const t = await startDefault()
    const base = { token: ALICE_LONG, content: 'file', action: 'export', record: '1001' }
    expect(await call(t, { ...base, field: 'scan', returnFormat: 'json', ...params })).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: JSON.stringify({ error: message }),
    })
  })

  it('refuses an upload to a record that does not exist', async () => {
    const t = await startDefault()
    const response = await upload(
      t,
      { token: ALICE_CLASSIC, content: 'file', action: 'import', record: '1', field: 'x' },
      { name: 'a.txt', text: 'a' },
    )
    expect((await answer(response)).body).toBe(
      errorXml("The field 'x' does not exist or is not a 'file' field"),
    )
    const missing = await upload(
      t,
      {
        token: ALICE_CLASSIC,
        content: 'file',
        action: 'import',
        record: '77',
        field: 'consent_form',
      },
      { name: 'a.txt', text: 'a' },
    )
    expect(await answer(missing)).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml("The record '77' does not exist. It must exist to upload a file"),
    })
  })

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Params, string]>([
    [
      'an import in Analysis/Cleanup',
      {},
      { status: 'analysis' },
      { action: 'import' },
      'The file cannot be uploaded because the project is in Analysis/Cleanup status.',
    ],
    [
      'an import without API Import',
      { apiImport: false },
      {},
      { action: 'import' },
      'You do not have API Import/Update privileges',
    ],
    [
      'a delete without Delete Records',
      { recordDelete: false },
      {},
      { action: 'delete' },
      'You do not have Delete Record privileges',
    ],
    [
      'an export without API Export',
      { apiExport: false },
      {},
      { action: 'export' },
      'You do not have API Export privileges',
    ],
    [
      'an export with No Access data export',
      { dataExport: 'none' },
      {},
      { action: 'export' },
      'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
    ],
  ])('answers 403 to %s', async (_name, rights, project, params, message) => {
    const t = await startClassicWith(rights, project)
    const response = await upload(
      t,
      {
        token: TOKEN_A,
        content: 'file',
        record: '1',
        field: 'consent_form',
        ...(params as Record<string, string>),
      },
      { name: 'a.txt', text: 'a' },
    )
    expect(await answer(response)).toEqual({ status: 403, type: XML_TYPE, body: errorXml(message) })
  })

  it('answers a user in a DAG as if records of other DAGs did not exist', async () => {
    const t = await startWith({
      projects: [
        {
          id: 14,
          fixture: 'longitudinal',
          users: [{ username: 'u', token: TOKEN_A, dag: 'site_a' }],
        },
      ],
    })
    const response = await api(t, {
      token: TOKEN_A,
      content: 'file',
      action: 'export',
      record: '1002',
      field: 'scan',
      event: 'baseline_arm_2',
    })
    expect(await answer(response)).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml('The record "1002" does not exist'),
    })
  })
})
