/**
 * Record export: flat and EAV in json, csv and xml with the selection and formatting options,
 * on the classic and longitudinal fixtures, whole bodies.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  call,
  CSV_TYPE,
  json,
  startClassicWith,
  startDefault,
  TOKEN_A,
  XML_HEAD,
  XML_TYPE,
} from './support.js'

const ANA = {
  record_id: '1',
  first_name: 'Ana',
  last_name: 'Lima',
  dob: '1985-03-14',
  sex: '0',
  email: 'ana.lima@example.org',
  demographics_complete: '2',
  height_cm: '165',
  weight_kg: '61.5',
  bmi: '22.6',
  smoker: '0',
  conditions___1: '1',
  conditions___2: '0',
  conditions___3: '0',
  conditions___99: '0',
  notes: '',
  consent_form: 'consent-1.txt',
  rand_group: '',
  health_complete: '2',
}

const CLASSIC_CSV = `record_id,first_name,last_name,dob,sex,email,demographics_complete,height_cm,weight_kg,bmi,smoker,conditions___1,conditions___2,conditions___3,conditions___99,notes,consent_form,rand_group,health_complete
1,Ana,Lima,1985-03-14,0,ana.lima@example.org,2,165,61.5,22.6,0,1,0,0,0,,consent-1.txt,,2
2,Ben,O'Neil,1979-11-02,1,ben@example.org,2,180,82.0,25.3,1,0,1,1,0,"Smokes 5 a day, ""trying to quit""",,,1
3,Chloé,Martin,2001-07-21,0,,1,,,,,0,0,0,0,,,,0
4,Dev,Patel,1990-01-05,1,dev.patel@example.org,2,172,70.2,23.7,0,0,0,0,1,,,,2
`

describe('record export from the classic project', () => {
  it('exports flat JSON as PHP json_encode writes it', async () => {
    const a = await call(await t0(), {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'json',
      records: '3',
    })
    expect(a.body).toBe(
      '[{"record_id":"3","first_name":"Chlo\\u00e9","last_name":"Martin","dob":"2001-07-21","sex":"0","email":"","demographics_complete":"1","height_cm":"","weight_kg":"","bmi":"","smoker":"","conditions___1":"0","conditions___2":"0","conditions___3":"0","conditions___99":"0","notes":"","consent_form":"","rand_group":"","health_complete":"0"}]',
    )
  })

  it('escapes slashes, quotes, control characters and every non-ASCII unit in flat JSON', async () => {
    const t = await t0()
    const imported = await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      action: 'import',
      format: 'json',
      data: JSON.stringify([
        { record_id: '10', first_name: 'a/b "c" \\ d', last_name: 'tab\there\nnext' },
        { record_id: '9', first_name: 'Zoë 😀', last_name: 'ok~\u007f' },
        { record_id: '2-1', first_name: 'plain', last_name: '' },
      ]),
    })
    expect(imported.body).toBe('{"count": 3}')
    const a = await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'json',
      records: '10,9,2-1',
      fields: 'record_id,first_name,last_name',
    })
    expect(a.body).toBe(
      '[{"record_id":"2-1","first_name":"plain","last_name":""},' +
        '{"record_id":"9","first_name":"Zo\\u00eb \\ud83d\\ude00","last_name":"ok~\u007f"},' +
        '{"record_id":"10","first_name":"a\\/b \\"c\\" \\\\ d","last_name":"tab\\there\\nnext"}]',
    )
  })

  it('exports every record as JSON objects of strings in record order', async () => {
    const rows = (await json(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
    })) as unknown[]
    expect(rows).toHaveLength(4)
    expect(rows[0]).toEqual(ANA)
  })

  it('exports CSV with fputcsv quoting', async () => {
    expect(
      await call(await startDefault(), { token: ALICE_CLASSIC, content: 'record', format: 'csv' }),
    ).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: CLASSIC_CSV,
    })
  })

  it('exports XML by default, values in CDATA and empty values as empty elements', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      'records[0]': '2',
      'fields[]': 'record_id',
      'fields[x]': 'notes',
    })
    expect(a).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}\n<records>\n<item><record_id><![CDATA[2]]></record_id><notes><![CDATA[Smokes 5 a day, "trying to quit"]]></notes></item>\n</records>`,
    })
  })

  it('leaves out the record-ID field when only other forms are asked for, as REDCap does', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'csv',
      records: '1,2',
      forms: 'health',
      fields: 'sex',
    })
    expect(a.body)
      .toBe(`sex,height_cm,weight_kg,bmi,smoker,conditions___1,conditions___2,conditions___3,conditions___99,notes,consent_form,rand_group,health_complete
0,165,61.5,22.6,0,1,0,0,0,,consent-1.txt,,2
1,180,82.0,25.3,1,0,1,1,0,"Smokes 5 a day, ""trying to quit""",,,1
`)
  })

  it('exports labels, label headers, checkbox labels and a tab delimiter', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'csv',
      records: '2',
      fields: 'record_id,sex,conditions,smoker',
      rawOrLabel: 'label',
      rawOrLabelHeaders: 'label',
      exportCheckboxLabel: 'true',
      csvDelimiter: 'tab',
    })
    expect(a.body).toBe(
      '"Record ID"\tSex\t"Do you smoke?"\t"Conditions (choice=Asthma)"\t"Conditions (choice=Diabetes)"\t"Conditions (choice=Hypertension)"\t"Conditions (choice=None of these)"\n' +
        '2\tMale\tYes\t\tDiabetes\tHypertension\t\n',
    )
  })

  it('exports Checked and Unchecked for checkboxes with labels but no checkbox labels', async () => {
    const rows = await json(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      records: '4',
      fields: 'conditions',
      rawOrLabel: 'label',
    })
    expect(rows).toEqual([
      {
        conditions___1: 'Unchecked',
        conditions___2: 'Unchecked',
        conditions___3: 'Unchecked',
        conditions___99: 'Checked',
      },
    ])
  })

  it('adds survey identifier and timestamp columns with exportSurveyFields', async () => {
    const rows = await json(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      records: '1,2',
      forms: 'demographics',
      exportSurveyFields: '1',
      rawOrLabel: 'label',
    })
    expect(rows).toEqual([
      {
        record_id: '1',
        redcap_survey_identifier: 'ana.lima@example.org',
        demographics_timestamp: '2026-01-05 10:20:31',
        first_name: 'Ana',
        last_name: 'Lima',
        dob: '1985-03-14',
        sex: 'Female',
        email: 'ana.lima@example.org',
        demographics_complete: 'Complete',
      },
      {
        record_id: '2',
        redcap_survey_identifier: '',
        demographics_timestamp: '',
        first_name: 'Ben',
        last_name: "O'Neil",
        dob: '1979-11-02',
        sex: 'Male',
        email: 'ben@example.org',
        demographics_complete: 'Complete',
      },
    ])
  })

  it.each([
    ['[sex] = "1"', ['2', '4']],
    ["[weight_kg] > 65 and [smoker] = '0'", ['4']],
    ['[conditions(2)] = "1" or [first_name] = "Ana"', ['1', '2']],
    ['not ([email] = "")', ['1', '2', '4']],
    ['[height_cm] <> ""', ['1', '2', '4']],
  ])('filters with filterLogic %s', async (filterLogic, ids) => {
    const rows = (await json(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      fields: 'record_id',
      filterLogic,
    })) as { record_id: string }[]
    expect(rows).toEqual(ids.map((id) => ({ record_id: id })))
  })

  it('keeps records created or modified within dateRangeBegin and dateRangeEnd, with a ; delimiter', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'csv',
      fields: 'record_id,first_name',
      csvDelimiter: ';',
      dateRangeBegin: '2026-01-06 00:00:00',
      dateRangeEnd: '2026-01-09 00:00:00',
    })
    expect(a.body).toBe('record_id;first_name\n2;Ben\n3;Chloé\n')
  })

  it('exports EAV rows in CSV, checkboxes under their own name, with labels', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'csv',
      type: 'eav',
      records: '1',
      rawOrLabel: 'label',
    })
    expect(a.body).toBe(`record,field_name,value
1,record_id,1
1,first_name,Ana
1,last_name,Lima
1,dob,1985-03-14
1,sex,Female
1,email,ana.lima@example.org
1,demographics_complete,Complete
1,height_cm,165
1,weight_kg,61.5
1,bmi,22.6
1,smoker,No
1,conditions,Asthma
1,consent_form,consent-1.txt
1,health_complete,Complete
`)
  })

  it('uses a comma as decimal character when asked', async () => {
    const rows = await json(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      records: '1',
      fields: 'weight_kg,bmi',
      decimalCharacter: ',',
    })
    expect(rows).toEqual([{ weight_kg: '61,5', bmi: '22,6' }])
  })

  it('returns an empty list for records that do not exist', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_CLASSIC, content: 'record', records: '99' })).toEqual([])
    expect(
      (
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          format: 'csv',
          records: '99',
          fields: 'record_id,sex',
        })
      ).body,
    ).toBe('record_id,sex\n')
    expect(
      (
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'record',
          records: '99',
          fields: 'record_id',
        })
      ).body,
    ).toBe(`${XML_HEAD}\n<records>\n</records>`)
  })

  it('drops identifier fields for a user with de-identified export rights', async () => {
    const t = await startClassicWith({ dataExport: 'deidentified' })
    const rows = await json(t, {
      token: TOKEN_A,
      content: 'record',
      records: '1',
      forms: 'demographics',
    })
    expect(rows).toEqual([{ record_id: '1', sex: '0', demographics_complete: '2' }])
  })
})

const LONG_CSV = `study_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,redcap_data_access_group,enroll_date,initials,group,scan,enrollment_complete,visit_date,sbp,symptoms___1,symptoms___2,symptoms___3,vitals_complete,qol_score,qol_comment,questionnaire_complete
1001,baseline_arm_1,,,site_a,2026-01-12,AB,1,scan-1001.txt,2,,,,,,,80,"Feeling well",2
1001,visit_1_arm_1,,,site_a,,,,,,,,,,,,65,,1
1001,visit_1_arm_1,vitals,1,site_a,,,,,,2026-01-19,128,1,0,0,2,,,
1001,visit_1_arm_1,vitals,2,site_a,,,,,,2026-01-21,122,0,0,1,1,,,
1001,visit_2_arm_1,,,site_a,,,,,,2026-01-26,118,0,0,0,2,,,
1002,baseline_arm_2,,,site_b,2026-01-13,CD,2,,2,,,,,,,,,
1002,follow_up_arm_2,,1,site_b,,,,,,2026-02-12,135,0,1,0,2,70,"Tired, ""but ok""",2
1002,follow_up_arm_2,,2,site_b,,,,,,2026-02-19,131,0,0,0,1,,,0
1003,baseline_arm_1,,,,2026-01-15,EF,1,,1,,,,,,,,,0
`

describe('record export from the longitudinal project', () => {
  it('exports one row per record, event and repeat instance, with DAGs', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_LONG,
      content: 'record',
      format: 'csv',
      exportDataAccessGroups: 'true',
    })
    expect(a.body).toBe(LONG_CSV)
  })

  it('exports redcap_repeat_instance as a JSON number and blank otherwise', async () => {
    const rows = await json(await startDefault(), {
      token: ALICE_LONG,
      content: 'record',
      records: '1001',
      events: 'visit_1_arm_1',
      fields: 'study_id,sbp',
    })
    expect(rows).toEqual([
      {
        study_id: '1001',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
        sbp: '',
      },
      {
        study_id: '1001',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: 'vitals',
        redcap_repeat_instance: 1,
        sbp: '128',
      },
      {
        study_id: '1001',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: 'vitals',
        redcap_repeat_instance: 2,
        sbp: '122',
      },
    ])
  })

  it('labels events, repeat instruments and DAGs', async () => {
    const rows = await json(await startDefault(), {
      token: ALICE_LONG,
      content: 'record',
      records: '1001',
      events: 'visit_1_arm_1',
      forms: 'vitals',
      fields: 'study_id',
      rawOrLabel: 'label',
      exportDataAccessGroups: '1',
      filterLogic: '[sbp] < 125',
    })
    expect(rows).toEqual([
      {
        study_id: '1001',
        redcap_event_name: 'Visit 1 (Arm 1: Treatment)',
        redcap_repeat_instrument: 'Vitals',
        redcap_repeat_instance: 2,
        redcap_data_access_group: 'Site A',
        visit_date: '2026-01-21',
        sbp: '122',
        symptoms___1: 'Unchecked',
        symptoms___2: 'Unchecked',
        symptoms___3: 'Checked',
        vitals_complete: 'Unverified',
      },
    ])
  })

  it('filters on another event with [event][field]', async () => {
    const rows = await json(await startDefault(), {
      token: ALICE_LONG,
      content: 'record',
      fields: 'study_id',
      events: 'baseline_arm_1,baseline_arm_2',
      filterLogic: "[baseline_arm_1][group] = '1'",
    })
    expect(rows).toEqual([
      {
        study_id: '1001',
        redcap_event_name: 'baseline_arm_1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
      },
      {
        study_id: '1003',
        redcap_event_name: 'baseline_arm_1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
      },
    ])
  })

  it('exports EAV XML with the event and repeat columns', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_LONG,
      content: 'record',
      format: 'xml',
      type: 'eav',
      records: '1002',
      events: 'follow_up_arm_2',
      forms: 'questionnaire',
    })
    expect(a.body).toBe(
      `${XML_HEAD}\n<records>\n` +
        '<item><record><![CDATA[1002]]></record><redcap_event_name><![CDATA[follow_up_arm_2]]></redcap_event_name><redcap_repeat_instrument></redcap_repeat_instrument><redcap_repeat_instance><![CDATA[1]]></redcap_repeat_instance><field_name><![CDATA[qol_score]]></field_name><value><![CDATA[70]]></value></item>\n' +
        '<item><record><![CDATA[1002]]></record><redcap_event_name><![CDATA[follow_up_arm_2]]></redcap_event_name><redcap_repeat_instrument></redcap_repeat_instrument><redcap_repeat_instance><![CDATA[1]]></redcap_repeat_instance><field_name><![CDATA[qol_comment]]></field_name><value><![CDATA[Tired, "but ok"]]></value></item>\n' +
        '<item><record><![CDATA[1002]]></record><redcap_event_name><![CDATA[follow_up_arm_2]]></redcap_event_name><redcap_repeat_instrument></redcap_repeat_instrument><redcap_repeat_instance><![CDATA[1]]></redcap_repeat_instance><field_name><![CDATA[questionnaire_complete]]></field_name><value><![CDATA[2]]></value></item>\n' +
        '</records>',
    )
  })

  it('shows a user in a DAG only the records of that DAG', async () => {
    const t = await startDefault()
    await t.request('/_standin/redcap/token-requests', {})
    const requested = await t.request('/_standin/redcap/projects/14/token-requests', {
      method: 'POST',
      body: JSON.stringify({ username: 'bob' }),
    })
    const { id } = (await requested.json()) as { id: string }
    const approved = await t.request(`/_standin/redcap/token-requests/${id}/approve`, {
      method: 'POST',
    })
    const { token } = (await approved.json()) as { token: string }
    const rows = await json(t, {
      token,
      content: 'record',
      fields: 'study_id',
      exportDataAccessGroups: 'true',
    })
    expect(rows).toEqual([
      {
        study_id: '1001',
        redcap_event_name: 'baseline_arm_1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
      },
      {
        study_id: '1001',
        redcap_event_name: 'visit_1_arm_1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
      },
      {
        study_id: '1001',
        redcap_event_name: 'visit_2_arm_1',
        redcap_repeat_instrument: '',
        redcap_repeat_instance: '',
      },
    ])
  })
})

function t0() {
  return startDefault()
}

describe('record export as ODM', () => {
  it('answers format=odm with project XML holding only the selected records', async () => {
    const a = await call(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'odm',
      records: '2',
    })
    expect(a.type).toBe(XML_TYPE)
    expect(a.body).toContain(
      '\t<SubjectData SubjectKey="2" redcap:RecordIdField="record_id">\n\t\t\t<FormData FormOID="Form.demographics" FormRepeatKey="1">\n\t\t\t\t<ItemGroupData ItemGroupOID="demographics.record_id" ItemGroupRepeatKey="1">\n\t\t\t\t\t<ItemData ItemOID="record_id" Value="2"/>\n\t\t\t\t\t<ItemData ItemOID="first_name" Value="Ben"/>',
    )
    expect(a.body).not.toContain('SubjectKey="1"')
  })
})
