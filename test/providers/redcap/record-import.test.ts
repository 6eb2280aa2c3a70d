/**
 * Record import in json, csv and xml: every returnContent in every returnFormat, overwrite
 * behaviour, auto-numbering, EAV, date formats, repeating rows, and REDCap's validation lines.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  call,
  CSV_TYPE,
  json,
  JSON_TYPE,
  startDefault,
  XML_HEAD,
  XML_TYPE,
} from './support.js'

const TWO_ROWS =
  '[{"record_id":"5","first_name":"Eve","sex":"0"},{"record_id":"1","weight_kg":"62.0"}]'
const TWO_CSV = 'record_id,first_name,sex,weight_kg\n5,Eve,0,\n1,,,62.0\n'
const TWO_XML = `${XML_HEAD}<records><item><record_id>5</record_id><first_name>Eve</first_name><sex>0</sex></item><item><record_id>1</record_id><weight_kg>62.0</weight_kg></item></records>`
const DATA = { json: TWO_ROWS, csv: TWO_CSV, xml: TWO_XML } as const

describe('record import', () => {
  it.each([
    ['json', 'count', JSON_TYPE, '{"count": 2}'],
    ['csv', 'count', CSV_TYPE, '2'],
    ['xml', 'count', XML_TYPE, `${XML_HEAD}<count>2</count>`],
    ['json', 'ids', JSON_TYPE, '["5","1"]'],
    ['csv', 'ids', CSV_TYPE, 'id\n5\n1'],
    ['xml', 'ids', XML_TYPE, `${XML_HEAD}<ids><id>5</id><id>1</id></ids>`],
    ['json', 'nothing', JSON_TYPE, ''],
    ['xml', 'auto_ids', XML_TYPE, `${XML_HEAD}<count>2</count>`],
  ] as const)(
    'imports %s data and answers returnContent=%s',
    async (format, returnContent, type, body) => {
      const t = await startDefault()
      expect(
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          format,
          data: DATA[format],
          returnContent,
        }),
      ).toEqual({ status: 200, type, body })
      expect(
        await json(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          records: '1,5',
          fields: 'record_id,first_name,weight_kg',
        }),
      ).toEqual([
        { record_id: '1', first_name: 'Ana', weight_kg: '62.0' },
        { record_id: '5', first_name: 'Eve', weight_kg: '' },
      ])
    },
  )

  it('answers in returnFormat, not format', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'csv',
        data: TWO_CSV,
        returnFormat: 'json',
      }),
    ).toEqual({ status: 200, type: JSON_TYPE, body: '{"count": 2}' })
  })

  it('ignores blank values normally and erases with overwriteBehavior=overwrite', async () => {
    const t = await startDefault()
    const data = '[{"record_id":"1","email":"","conditions___1":""}]'
    await call(t, { token: ALICE_CLASSIC, content: 'record', format: 'json', data })
    const fields = 'record_id,email,conditions'
    expect(
      await json(t, { token: ALICE_CLASSIC, content: 'record', records: '1', fields }),
    ).toEqual([
      {
        record_id: '1',
        email: 'ana.lima@example.org',
        conditions___1: '1',
        conditions___2: '0',
        conditions___3: '0',
        conditions___99: '0',
      },
    ])
    await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'json',
      data,
      overwriteBehavior: 'overwrite',
    })
    expect(
      await json(t, { token: ALICE_CLASSIC, content: 'record', records: '1', fields }),
    ).toEqual([
      {
        record_id: '1',
        email: '',
        conditions___1: '0',
        conditions___2: '0',
        conditions___3: '0',
        conditions___99: '0',
      },
    ])
  })

  it('numbers new records itself with forceAutoNumber and reports new,old pairs', async () => {
    const t = await startDefault()
    const data = 'record_id,first_name\nx1,Fay\nx2,Gus\nx1,\n'
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'csv',
        data,
        forceAutoNumber: 'true',
        returnContent: 'auto_ids',
      }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: 'id,original_id\n5,x1\n6,x2' })
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        forceAutoNumber: '1',
        returnContent: 'auto_ids',
        data: '[{"record_id":"new","first_name":"Hal"}]',
      }),
    ).toEqual({ status: 200, type: JSON_TYPE, body: '["7,new"]' })
    expect(
      await json(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        records: '5,6,7',
        fields: 'record_id,first_name',
      }),
    ).toEqual([
      { record_id: '5', first_name: 'Fay' },
      { record_id: '6', first_name: 'Gus' },
      { record_id: '7', first_name: 'Hal' },
    ])
  })

  it('imports EAV rows, checkboxes by code', async () => {
    const t = await startDefault()
    const data =
      '[{"record":"3","field_name":"conditions","value":"3"},{"record":"3","field_name":"smoker","value":"1"}]'
    expect(
      (
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          format: 'json',
          type: 'eav',
          data,
        })
      ).body,
    ).toBe('{"count": 1}')
    expect(
      await json(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        records: '3',
        fields: 'smoker,conditions',
      }),
    ).toEqual([
      {
        smoker: '1',
        conditions___1: '0',
        conditions___2: '0',
        conditions___3: '1',
        conditions___99: '0',
      },
    ])
  })

  it('reads MDY dates with dateFormat=MDY', async () => {
    const t = await startDefault()
    await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'csv',
      data: 'record_id,dob\n4,12/31/1990\n',
      dateFormat: 'MDY',
    })
    expect(
      await json(t, { token: ALICE_CLASSIC, content: 'record', records: '4', fields: 'dob' }),
    ).toEqual([{ dob: '1990-12-31' }])
  })

  it('counts distinct records, not rows, and writes repeating instances', async () => {
    const t = await startDefault()
    const data = JSON.stringify([
      {
        study_id: '1003',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: 'vitals',
        redcap_repeat_instance: 1,
        sbp: '140',
        symptoms___2: '1',
      },
      {
        study_id: '1003',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: 'vitals',
        redcap_repeat_instance: 2,
        sbp: '138',
      },
    ])
    expect(
      (await call(t, { token: ALICE_LONG, content: 'record', format: 'json', data })).body,
    ).toBe('{"count": 1}')
    expect(
      await json(t, {
        token: ALICE_LONG,
        content: 'record',
        records: '1003',
        events: 'visit_1_arm_1',
        fields: 'study_id,sbp,symptoms',
      }),
    ).toEqual([
      {
        study_id: '1003',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: 'vitals',
        redcap_repeat_instance: 1,
        sbp: '140',
        symptoms___1: '0',
        symptoms___2: '1',
        symptoms___3: '0',
      },
      {
        study_id: '1003',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: 'vitals',
        redcap_repeat_instance: 2,
        sbp: '138',
        symptoms___1: '0',
        symptoms___2: '0',
        symptoms___3: '0',
      },
    ])
  })

  it('refuses the whole import with one line per bad value, saving nothing', async () => {
    const t = await startDefault()
    const data = JSON.stringify([
      {
        study_id: '2001',
        redcap_event_name: 'baseline_arm_1',
        enroll_date: '2026-02-30',
        group: '3',
      },
      { study_id: '2001', redcap_event_name: 'baseline_arm_1', sbp: '120' },
      {
        study_id: '2002',
        redcap_event_name: 'visit_2_arm_1',
        redcap_repeat_instrument: 'vitals',
        redcap_repeat_instance: '3',
      },
      { study_id: '2003', redcap_event_name: 'nowhere_arm_1' },
    ])
    const a = await call(t, {
      token: ALICE_LONG,
      content: 'record',
      format: 'json',
      data,
      returnFormat: 'csv',
    })
    expect(a).toEqual({
      status: 400,
      type: CSV_TYPE,
      body: [
        'ERROR: "2001","enroll_date","2026-02-30","The value you provided could not be validated because it does not follow the expected format. Please try again."',
        '"2001","group","3","The value is not a valid category for group"',
        `"2001","sbp","120","This field ('sbp') exists on an instrument that is not designated for the event named 'Baseline (Arm 1: Treatment)'. You are not allowed to import data for this field into this event."`,
        '"2002","redcap_repeat_instrument","vitals","redcap_repeat_instrument must be the unique form name of a Repeating Instrument. It currently does not match the unique form name of any Repeating Instruments.  Please fix this in the data import file and try again."',
        '"2002","redcap_repeat_instance","3","redcap_repeat_instance cannot have a value since this instrument or event is not a repeating instrument or repeating event, respectively.  The redcap_repeat_instance field must be left blank for this row of data."',
        '"2003","redcap_event_name","nowhere_arm_1","The event name is not a valid unique event name for this project."',
      ].join('\n'),
    })
    expect(
      await json(t, { token: ALICE_LONG, content: 'record', records: '2001,2002,2003' }),
    ).toEqual([])
  })

  it('says which record-ID field is missing', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        data: '[{"first_name":"X"}]',
      }),
    ).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: '{"error":"The record id field (record_id) is missing."}',
    })
  })

  it('counts a bare JSON object as no records', async () => {
    const t = await startDefault()
    expect(
      (
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          format: 'json',
          data: '{"record_id":"9"}',
        })
      ).body,
    ).toBe('{"count": 0}')
  })
})
