/**
 * Record delete: whole records and by instrument, event, repeat instance and arm; the reply is the
 * bare count with the `format` content type (xml when none is posted).
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  call,
  JSON_TYPE,
  json,
  startDefault,
  XML_TYPE,
  errorXml,
} from './support.js'

describe('record delete', () => {
  it('deletes whole records and answers the bare count', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        action: 'delete',
        'records[0]': '1',
        'records[1]': '2',
        format: 'json',
      }),
    ).toEqual({ status: 200, type: JSON_TYPE, body: '2' })
    expect(await json(t, { token: ALICE_CLASSIC, content: 'record', fields: 'record_id' })).toEqual(
      [{ record_id: '3' }, { record_id: '4' }],
    )
  })

  it('answers text/xml when no format is posted, though the body is a bare number', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        action: 'delete',
        'records[]': '4',
      }),
    ).toEqual({
      status: 200,
      type: XML_TYPE,
      body: '1',
    })
  })

  it('deletes one instrument of a record', async () => {
    const t = await startDefault()
    expect(
      (
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          action: 'delete',
          'records[0]': '1',
          instrument: 'health',
        })
      ).body,
    ).toBe('1')
    expect(
      await json(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        records: '1',
        fields: 'record_id,bmi',
        forms: 'health',
      }),
    ).toEqual([
      {
        record_id: '1',
        height_cm: '',
        weight_kg: '',
        bmi: '',
        smoker: '',
        conditions___1: '0',
        conditions___2: '0',
        conditions___3: '0',
        conditions___99: '0',
        notes: '',
        consent_form: '',
        rand_group: '',
        health_complete: '0',
      },
    ])
  })

  it('deletes one repeat instance of an instrument in an event', async () => {
    const t = await startDefault()
    const params = { token: ALICE_LONG, content: 'record', action: 'delete', 'records[0]': '1001' }
    expect(
      (
        await call(t, {
          ...params,
          instrument: 'vitals',
          event: 'visit_1_arm_1',
          repeat_instance: '2',
        })
      ).body,
    ).toBe('1')
    expect(
      await json(t, {
        token: ALICE_LONG,
        content: 'record',
        records: '1001',
        events: 'visit_1_arm_1',
        forms: 'vitals',
      }),
    ).toEqual([
      {
        visit_date: '2026-01-19',
        sbp: '128',
        symptoms___1: '1',
        symptoms___2: '0',
        symptoms___3: '0',
        vitals_complete: '2',
      },
    ])
  })

  it('deletes a whole event of a record', async () => {
    const t = await startDefault()
    const params = {
      token: ALICE_LONG,
      content: 'record',
      action: 'delete',
      'records[0]': '1001',
      event: 'visit_2_arm_1',
    }
    expect((await call(t, params)).body).toBe('1')
    const rows = (await json(t, {
      token: ALICE_LONG,
      content: 'record',
      records: '1001',
      fields: 'study_id',
    })) as { redcap_event_name: string }[]
    expect(rows.map((r) => r.redcap_event_name)).toEqual(['baseline_arm_1', 'visit_1_arm_1'])
  })

  it('deletes a record from one arm only', async () => {
    const t = await startDefault()
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'record',
          action: 'delete',
          'records[0]': '1002',
          arm: '2',
        })
      ).body,
    ).toBe('1')
    expect(await json(t, { token: ALICE_LONG, content: 'record', records: '1002' })).toEqual([])
  })

  it('refuses a partial delete when a record has nothing to delete, deleting nothing', async () => {
    const t = await startDefault()
    const a = await call(t, {
      token: ALICE_LONG,
      content: 'record',
      action: 'delete',
      'records[0]': '1001',
      'records[1]': '1003',
      instrument: 'vitals',
    })
    expect(a).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml(
        'One or more of the records provided are either do not exist in this project or not valid with selected params. Note: No records were deleted. Records that do not exist: 1003',
      ),
    })
  })

  it('refuses an arm the project does not have', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_LONG,
        content: 'record',
        action: 'delete',
        'records[0]': '1002',
        arm: '7',
        format: 'json',
      }),
    ).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: '{"error":"The arm provided is not correct for the project."}',
    })
  })

  it('refuses an empty records array', async () => {
    const t = await startDefault()
    const body = new URLSearchParams({
      token: ALICE_CLASSIC,
      content: 'record',
      action: 'delete',
      format: 'json',
    })
    body.append('records[]', '')
    const response = await t.request('/redcap/api/', { method: 'POST', body })
    expect(await response.text()).toBe(
      `{"error":"The 'records' parameter is an empty array. The parameter must be an array containing one or more record names to delete."}`,
    )
  })
})
