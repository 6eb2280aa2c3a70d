/**
 * The design contents in each format: metadata, instrument, exportFieldNames, project, arm, event,
 * formEventMapping, repeatingFormsEvents, generateNextRecordName and version; imports, renames,
 * overrides and deletes, each followed by an export.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  ALICE_SUPER,
  call,
  CSV_TYPE,
  json,
  JSON_TYPE,
  startDefault,
  XML_HEAD,
  XML_TYPE,
} from './support.js'

const SEX_ROW = {
  field_name: 'sex',
  form_name: 'demographics',
  section_header: '',
  field_type: 'radio',
  field_label: 'Sex',
  select_choices_or_calculations: '0, Female | 1, Male | 2, Other',
  field_note: '',
  text_validation_type_or_show_slider_number: '',
  text_validation_min: '',
  text_validation_max: '',
  identifier: '',
  branching_logic: '',
  required_field: '',
  custom_alignment: '',
  question_number: '',
  matrix_group_name: '',
  matrix_ranking: '',
  field_annotation: '',
}
const METADATA_HEADER =
  'field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic,required_field,custom_alignment,question_number,matrix_group_name,matrix_ranking,field_annotation'

describe('metadata', () => {
  it('exports the 18 data-dictionary columns in json, csv and xml', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'metadata', 'fields[0]': 'sex' }
    expect(await json(t, params)).toEqual([SEX_ROW])
    expect(await call(t, { ...params, format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: `${METADATA_HEADER}\nsex,demographics,,radio,Sex,"0, Female | 1, Male | 2, Other",,,,,,,,,,,,\n`,
    })
    expect(await call(t, params)).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}\n<records>\n<item>${Object.entries(SEX_ROW)
        .map(([k, v]) => (v === '' ? `<${k}></${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
        .join('')}</item>\n</records>`,
    })
  })

  it('exports the fields of the asked forms, descriptive ones included', async () => {
    const rows = (await json(await startDefault(), {
      token: ALICE_CLASSIC,
      content: 'metadata',
      forms: 'health',
    })) as { field_name: string }[]
    expect(rows.map((r) => r.field_name)).toEqual([
      'intro',
      'height_cm',
      'weight_kg',
      'bmi',
      'smoker',
      'conditions',
      'notes',
      'consent_form',
      'rand_group',
    ])
  })

  it('imports a new dictionary and answers the number of fields', async () => {
    const t = await startDefault()
    const data = `${METADATA_HEADER}\nrecord_id,intake,,text,ID,,,,,,,,,,,,,\nmood,intake,,radio,Mood,"1, Good | 2, Bad",,,,,,,,,,,,\n`
    expect(
      await call(t, { token: ALICE_CLASSIC, content: 'metadata', format: 'csv', data }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: '2' })
    expect(await json(t, { token: ALICE_CLASSIC, content: 'instrument' })).toEqual([
      { instrument_name: 'intake', instrument_label: 'Intake' },
    ])
    expect(await call(t, { token: ALICE_CLASSIC, content: 'metadata', format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: data,
    })
  })
})

describe('instrument, exportFieldNames, project and version', () => {
  it('exports instruments in json, csv and xml', async () => {
    const t = await startDefault()
    const params = { token: ALICE_LONG, content: 'instrument' }
    expect(await json(t, params)).toEqual([
      { instrument_name: 'enrollment', instrument_label: 'Enrollment' },
      { instrument_name: 'vitals', instrument_label: 'Vitals' },
      { instrument_name: 'questionnaire', instrument_label: 'Quality of Life Questionnaire' },
    ])
    expect((await call(t, { ...params, format: 'csv' })).body).toBe(
      'instrument_name,instrument_label\nenrollment,Enrollment\nvitals,Vitals\nquestionnaire,"Quality of Life Questionnaire"\n',
    )
    expect((await call(t, params)).body).toBe(
      `${XML_HEAD}\n<records>\n<item><instrument_name><![CDATA[enrollment]]></instrument_name><instrument_label><![CDATA[Enrollment]]></instrument_label></item>\n<item><instrument_name><![CDATA[vitals]]></instrument_name><instrument_label><![CDATA[Vitals]]></instrument_label></item>\n<item><instrument_name><![CDATA[questionnaire]]></instrument_name><instrument_label><![CDATA[Quality of Life Questionnaire]]></instrument_label></item>\n</records>`,
    )
  })

  it('exports field names with one row per checkbox choice and each form status', async () => {
    const t = await startDefault()
    expect(
      (await call(t, { token: ALICE_LONG, content: 'exportFieldNames', format: 'csv' })).body,
    ).toBe(
      'original_field_name,choice_value,export_field_name\nstudy_id,,study_id\nenroll_date,,enroll_date\ninitials,,initials\ngroup,,group\nenrollment_complete,,enrollment_complete\nvisit_date,,visit_date\nsbp,,sbp\nsymptoms,1,symptoms___1\nsymptoms,2,symptoms___2\nsymptoms,3,symptoms___3\nvitals_complete,,vitals_complete\nqol_score,,qol_score\nqol_comment,,qol_comment\nquestionnaire_complete,,questionnaire_complete\n',
    )
    expect(
      await json(t, { token: ALICE_LONG, content: 'exportFieldNames', field: 'symptoms' }),
    ).toEqual([
      { original_field_name: 'symptoms', choice_value: '1', export_field_name: 'symptoms___1' },
      { original_field_name: 'symptoms', choice_value: '2', export_field_name: 'symptoms___2' },
      { original_field_name: 'symptoms', choice_value: '3', export_field_name: 'symptoms___3' },
    ])
    expect(
      (await call(t, { token: ALICE_LONG, content: 'exportFieldNames', field: 'sbp' })).body,
    ).toBe(
      `${XML_HEAD}\n<records>\n<item><original_field_name><![CDATA[sbp]]></original_field_name><choice_value></choice_value><export_field_name><![CDATA[sbp]]></export_field_name></item>\n</records>`,
    )
  })

  it('exports project information as one object, numbers for integers', async () => {
    const t = await startDefault()
    const info = {
      project_id: 13,
      project_title: 'Classic Demo Study',
      creation_time: '2026-01-05 09:00:00',
      production_time: '',
      in_production: 0,
      project_language: 'English',
      purpose: 2,
      purpose_other: '',
      project_notes:
        'A classic (non-longitudinal) project with checkboxes, a calculated field, a survey, a file field, a DAG and a randomization model.',
      custom_record_label: '',
      secondary_unique_field: '',
      is_longitudinal: 0,
      has_repeating_instruments_or_events: 0,
      surveys_enabled: 1,
      scheduling_enabled: 0,
      record_autonumbering_enabled: 1,
      randomization_enabled: 1,
      ddp_enabled: 0,
      project_irb_number: 'IRB-2026-013',
      project_grant_number: '',
      project_pi_firstname: 'Grace',
      project_pi_lastname: 'Hopper',
      display_today_now_button: 1,
      missing_data_codes: '',
      external_modules: '',
      bypass_branching_erase_field_prompt: 0,
    }
    expect(await json(t, { token: ALICE_CLASSIC, content: 'project' })).toEqual(info)
    const csv = await call(t, { token: ALICE_CLASSIC, content: 'project', format: 'csv' })
    expect(csv.body).toBe(
      `${Object.keys(info).join(',')}\n13,"Classic Demo Study","2026-01-05 09:00:00",,0,English,2,,"A classic (non-longitudinal) project with checkboxes, a calculated field, a survey, a file field, a DAG and a randomization model.",,,0,0,1,0,1,1,0,IRB-2026-013,,Grace,Hopper,1,,,0\n`,
    )
    const xml = await call(t, { token: ALICE_CLASSIC, content: 'project' })
    expect(xml.body).toBe(
      `${XML_HEAD}\n<item>${Object.entries(info)
        .map(([k, v]) => (v === '' ? `<${k}></${k}>` : `<${k}><![CDATA[${String(v)}]]></${k}>`))
        .join('')}</item>`,
    )
  })

  it.each(['json', 'csv', 'xml', 'odm', ''])(
    'answers version as text/csv whatever format=%s says',
    async (format) => {
      const t = await startDefault()
      expect(await call(t, { token: ALICE_CLASSIC, content: 'version', format })).toEqual({
        status: 200,
        type: CSV_TYPE,
        body: '15.7.6',
      })
      expect(await call(t, { token: ALICE_SUPER, content: 'version', format })).toEqual({
        status: 200,
        type: CSV_TYPE,
        body: '15.7.6',
      })
    },
  )

  it('generates the next record name as plain text', async () => {
    const t = await startDefault()
    expect(
      await call(t, { token: ALICE_LONG, content: 'generateNextRecordName', format: 'csv' }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: '1004' })
    expect(
      await call(t, { token: ALICE_CLASSIC, content: 'generateNextRecordName', format: 'json' }),
    ).toEqual({ status: 200, type: JSON_TYPE, body: '5' })
  })
})

describe('arms and events', () => {
  it('exports arms in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_LONG, content: 'arm' })).toEqual([
      { arm_num: 1, name: 'Treatment' },
      { arm_num: 2, name: 'Control' },
    ])
    expect(
      (await call(t, { token: ALICE_LONG, content: 'arm', format: 'csv', 'arms[0]': '2' })).body,
    ).toBe('arm_num,name\n2,Control\n')
    expect((await call(t, { token: ALICE_LONG, content: 'arm', 'arms[0]': '1' })).body).toBe(
      `${XML_HEAD}\n<records>\n<item><arm_num><![CDATA[1]]></arm_num><name><![CDATA[Treatment]]></name></item>\n</records>`,
    )
  })

  it('adds and renames arms, lists an arm only once it has events, and deletes arms with their events', async () => {
    const t = await startDefault()
    const arms = '[{"arm_num":3,"name":"Placebo"},{"arm_num":1,"name":"Drug A"}]'
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'arm',
          action: 'import',
          format: 'json',
          data: arms,
        })
      ).body,
    ).toBe('2')
    expect(await json(t, { token: ALICE_LONG, content: 'arm' })).toEqual([
      { arm_num: 1, name: 'Drug A' },
      { arm_num: 2, name: 'Control' },
    ])
    const events = '[{"event_name":"Screening","arm_num":"3"}]'
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'event',
          action: 'import',
          format: 'json',
          data: events,
        })
      ).body,
    ).toBe('1')
    expect(await json(t, { token: ALICE_LONG, content: 'event', arms: '3' })).toEqual([
      {
        event_name: 'Screening',
        arm_num: 3,
        unique_event_name: 'screening_arm_3',
        custom_event_label: '',
        event_id: 46,
      },
    ])
    expect(((await json(t, { token: ALICE_LONG, content: 'arm' })) as unknown[]).length).toBe(3)
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'arm',
          action: 'delete',
          'arms[0]': '2',
          format: 'json',
        })
      ).body,
    ).toBe('1')
    expect(await json(t, { token: ALICE_LONG, content: 'arm' })).toEqual([
      { arm_num: 1, name: 'Drug A' },
      { arm_num: 3, name: 'Placebo' },
    ])
    expect(await json(t, { token: ALICE_LONG, content: 'record', records: '1002' })).toEqual([])
  })

  it('replaces every arm, event and mapping with override=1', async () => {
    const t = await startDefault()
    const data = 'arm_num,name\n1,Only\n'
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'arm',
          action: 'import',
          format: 'csv',
          data,
          override: '1',
        })
      ).body,
    ).toBe('1')
    expect(await json(t, { token: ALICE_LONG, content: 'arm' })).toEqual([])
    expect(await json(t, { token: ALICE_LONG, content: 'event' })).toEqual([])
  })

  it('exports events in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_LONG, content: 'event', 'arms[0]': '2' })).toEqual([
      {
        event_name: 'Baseline',
        arm_num: 2,
        unique_event_name: 'baseline_arm_2',
        custom_event_label: '',
        event_id: 44,
      },
      {
        event_name: 'Follow-up',
        arm_num: 2,
        unique_event_name: 'follow_up_arm_2',
        custom_event_label: '[visit_date]',
        event_id: 45,
      },
    ])
    expect((await call(t, { token: ALICE_LONG, content: 'event', format: 'csv' })).body).toBe(
      'event_name,arm_num,unique_event_name,custom_event_label,event_id\nBaseline,1,baseline_arm_1,,41\n"Visit 1",1,visit_1_arm_1,,42\n"Visit 2",1,visit_2_arm_1,,43\nBaseline,2,baseline_arm_2,,44\nFollow-up,2,follow_up_arm_2,[visit_date],45\n',
    )
    expect(
      (await call(t, { token: ALICE_LONG, content: 'event', 'arms[0]': '1', format: 'xml' })).body,
    ).toBe(
      `${XML_HEAD}\n<records>\n` +
        '<item><event_name><![CDATA[Baseline]]></event_name><arm_num><![CDATA[1]]></arm_num><unique_event_name><![CDATA[baseline_arm_1]]></unique_event_name><custom_event_label></custom_event_label><event_id><![CDATA[41]]></event_id></item>\n' +
        '<item><event_name><![CDATA[Visit 1]]></event_name><arm_num><![CDATA[1]]></arm_num><unique_event_name><![CDATA[visit_1_arm_1]]></unique_event_name><custom_event_label></custom_event_label><event_id><![CDATA[42]]></event_id></item>\n' +
        '<item><event_name><![CDATA[Visit 2]]></event_name><arm_num><![CDATA[1]]></arm_num><unique_event_name><![CDATA[visit_2_arm_1]]></unique_event_name><custom_event_label></custom_event_label><event_id><![CDATA[43]]></event_id></item>\n' +
        '</records>',
    )
  })

  it('renames an event named by its unique name, and deletes events with their data', async () => {
    const t = await startDefault()
    const rename =
      '[{"event_name":"Week 2","arm_num":"1","unique_event_name":"visit_2_arm_1","day_offset":"14"}]'
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'event',
          action: 'import',
          format: 'json',
          data: rename,
        })
      ).body,
    ).toBe('1')
    expect(await json(t, { token: ALICE_LONG, content: 'event', arms: '1' })).toEqual([
      {
        event_name: 'Baseline',
        arm_num: 1,
        unique_event_name: 'baseline_arm_1',
        custom_event_label: '',
        event_id: 41,
      },
      {
        event_name: 'Visit 1',
        arm_num: 1,
        unique_event_name: 'visit_1_arm_1',
        custom_event_label: '',
        event_id: 42,
      },
      {
        event_name: 'Week 2',
        arm_num: 1,
        unique_event_name: 'week_2_arm_1',
        custom_event_label: '',
        event_id: 43,
      },
    ])
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'event',
          action: 'delete',
          'events[0]': 'week_2_arm_1',
          format: 'csv',
        })
      ).body,
    ).toBe('1')
    const rows = (await json(t, {
      token: ALICE_LONG,
      content: 'record',
      records: '1001',
      fields: 'study_id',
    })) as { redcap_event_name: string }[]
    expect(rows.map((r) => r.redcap_event_name)).toEqual(['baseline_arm_1', 'visit_1_arm_1'])
  })
})

describe('formEventMapping and repeatingFormsEvents', () => {
  it('exports the mapping in json, csv and xml', async () => {
    const t = await startDefault()
    expect(
      await json(t, { token: ALICE_LONG, content: 'formEventMapping', 'arms[0]': '2' }),
    ).toEqual([
      { arm_num: 2, unique_event_name: 'baseline_arm_2', form: 'enrollment' },
      { arm_num: 2, unique_event_name: 'follow_up_arm_2', form: 'vitals' },
      { arm_num: 2, unique_event_name: 'follow_up_arm_2', form: 'questionnaire' },
    ])
    expect(
      (await call(t, { token: ALICE_LONG, content: 'formEventMapping', format: 'csv' })).body,
    ).toBe(
      'arm_num,unique_event_name,form\n1,baseline_arm_1,enrollment\n1,baseline_arm_1,questionnaire\n1,visit_1_arm_1,vitals\n1,visit_1_arm_1,questionnaire\n1,visit_2_arm_1,vitals\n2,baseline_arm_2,enrollment\n2,follow_up_arm_2,vitals\n2,follow_up_arm_2,questionnaire\n',
    )
    expect(
      (await call(t, { token: ALICE_LONG, content: 'formEventMapping', arms: '1', format: 'xml' }))
        .body,
    ).toContain(
      '<item><arm_num><![CDATA[1]]></arm_num><unique_event_name><![CDATA[visit_2_arm_1]]></unique_event_name><form><![CDATA[vitals]]></form></item>\n</records>',
    )
  })

  it('replaces the whole mapping on import', async () => {
    const t = await startDefault()
    const data = '[{"arm_num":"1","unique_event_name":"baseline_arm_1","form":"enrollment"}]'
    expect(
      (await call(t, { token: ALICE_LONG, content: 'formEventMapping', format: 'json', data }))
        .body,
    ).toBe('1')
    expect(await json(t, { token: ALICE_LONG, content: 'formEventMapping' })).toEqual([
      { arm_num: 1, unique_event_name: 'baseline_arm_1', form: 'enrollment' },
    ])
  })

  it('exports the repeating setup in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_LONG, content: 'repeatingFormsEvents' })).toEqual([
      {
        event_name: 'visit_1_arm_1',
        form_name: 'vitals',
        custom_form_label: '[visit_date]: [sbp] mmHg',
      },
      { event_name: 'follow_up_arm_2', form_name: '', custom_form_label: '' },
    ])
    expect(
      (await call(t, { token: ALICE_LONG, content: 'repeatingFormsEvents', format: 'csv' })).body,
    ).toBe(
      'event_name,form_name,custom_form_label\nvisit_1_arm_1,vitals,"[visit_date]: [sbp] mmHg"\nfollow_up_arm_2,,\n',
    )
    expect((await call(t, { token: ALICE_LONG, content: 'repeatingFormsEvents' })).body).toBe(
      `${XML_HEAD}\n<records>\n<item><event_name><![CDATA[visit_1_arm_1]]></event_name><form_name><![CDATA[vitals]]></form_name><custom_form_label><![CDATA[[visit_date]: [sbp] mmHg]]></custom_form_label></item>\n<item><event_name><![CDATA[follow_up_arm_2]]></event_name><form_name></form_name><custom_form_label></custom_form_label></item>\n</records>`,
    )
  })

  it('imports a repeating setup, classic projects without event_name', async () => {
    const t = await startDefault()
    const data = `${XML_HEAD}<records><item><form_name>health</form_name><custom_form_label>[weight_kg] kg</custom_form_label></item></records>`
    expect(
      (
        await call(t, {
          token: ALICE_CLASSIC,
          content: 'repeatingFormsEvents',
          format: 'xml',
          data,
        })
      ).body,
    ).toBe('1')
    expect(await json(t, { token: ALICE_CLASSIC, content: 'repeatingFormsEvents' })).toEqual([
      { form_name: 'health', custom_form_label: '[weight_kg] kg' },
    ])
    const rows = (await json(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      records: '1',
      fields: 'record_id',
    })) as unknown[]
    expect(rows).toEqual([
      { record_id: '1', redcap_repeat_instrument: '', redcap_repeat_instance: '' },
    ])
  })
})
