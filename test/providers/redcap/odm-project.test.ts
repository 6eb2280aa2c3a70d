/**
 * Project creation with a super token: from project XML (ODM) the new project's metadata, arms,
 * events, mapping, repeating setup and records come back as the XML held them; without ODM it
 * gets REDCap's one-instrument default. The reply is the new 32-hex token.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { TestStandin } from '../../../src/testing/index.js'
import { ALICE_SUPER, call, CSV_TYPE, json, startDefault, XML_HEAD } from './support.js'

const ODM = readFileSync(new URL('./data/trial-project.xml', import.meta.url), 'utf8')
const ITEM = `${XML_HEAD}<item><project_title>Sleep Trial</project_title><purpose>2</purpose></item>`

async function create(t: TestStandin, params: Record<string, string>): Promise<string> {
  const a = await call(t, { token: ALICE_SUPER, content: 'project', ...params })
  expect(a.status).toBe(200)
  expect(a.body).toMatch(/^[0-9A-F]{32}$/)
  return a.body
}

const META = (name: string, form: string, rest: Record<string, string>) => ({
  field_name: name,
  form_name: form,
  section_header: '',
  field_type: 'text',
  field_label: '',
  select_choices_or_calculations: '',
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
  ...rest,
})

describe('project creation from project XML', () => {
  it('gives back the metadata, arms, events, mapping, repeating setup and records the XML held', async () => {
    const t = await startDefault()
    const token = await create(t, { format: 'xml', data: ITEM, odm: ODM })
    expect(await json(t, { token, content: 'metadata' })).toEqual([
      META('participant_id', 'screening', { field_label: 'Participant ID' }),
      META('age', 'screening', {
        field_label: 'Age',
        field_note: 'years',
        text_validation_type_or_show_slider_number: 'integer',
        text_validation_min: '18',
        text_validation_max: '99',
        required_field: 'y',
      }),
      META('chronotype', 'screening', {
        section_header: 'Habits',
        field_type: 'radio',
        field_label: 'Chronotype',
        select_choices_or_calculations: '1, Lark | 2, Owl',
      }),
      META('aids', 'screening', {
        field_type: 'checkbox',
        field_label: 'Sleep aids',
        select_choices_or_calculations: '1, Melatonin | 2, Earplugs',
      }),
      META('consent', 'screening', { field_type: 'file', field_label: 'Consent form' }),
      META('night_date', 'diary', {
        field_label: 'Night of',
        text_validation_type_or_show_slider_number: 'date_ymd',
      }),
      META('hours', 'diary', {
        field_label: 'Hours slept',
        text_validation_type_or_show_slider_number: 'number_1dp',
      }),
    ])
    expect(await json(t, { token, content: 'instrument' })).toEqual([
      { instrument_name: 'screening', instrument_label: 'Screening' },
      { instrument_name: 'diary', instrument_label: 'Sleep Diary' },
    ])
    expect(await json(t, { token, content: 'arm' })).toEqual([
      { arm_num: 1, name: 'Melatonin' },
      { arm_num: 2, name: 'Placebo' },
    ])
    expect(await json(t, { token, content: 'event' })).toEqual([
      {
        event_name: 'Screening',
        arm_num: 1,
        unique_event_name: 'screening_arm_1',
        custom_event_label: '',
        event_id: 46,
      },
      {
        event_name: 'Week 1',
        arm_num: 1,
        unique_event_name: 'week_1_arm_1',
        custom_event_label: '',
        event_id: 47,
      },
      {
        event_name: 'Check-in',
        arm_num: 2,
        unique_event_name: 'check_in_arm_2',
        custom_event_label: '',
        event_id: 48,
      },
    ])
    expect(await json(t, { token, content: 'formEventMapping' })).toEqual([
      { arm_num: 1, unique_event_name: 'screening_arm_1', form: 'screening' },
      { arm_num: 1, unique_event_name: 'week_1_arm_1', form: 'diary' },
      { arm_num: 2, unique_event_name: 'check_in_arm_2', form: 'screening' },
      { arm_num: 2, unique_event_name: 'check_in_arm_2', form: 'diary' },
    ])
    expect(await json(t, { token, content: 'repeatingFormsEvents' })).toEqual([
      { event_name: 'week_1_arm_1', form_name: 'diary', custom_form_label: 'Night [night_date]' },
      { event_name: 'check_in_arm_2', form_name: '', custom_form_label: '' },
    ])
    expect(
      await call(t, { token, content: 'record', format: 'csv', exportDataAccessGroups: 'true' }),
    ).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: `participant_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,redcap_data_access_group,age,chronotype,aids___1,aids___2,consent,screening_complete,night_date,hours,diary_complete
S-01,screening_arm_1,,,north,34,2,1,0,consent-s01.txt,2,,,
S-01,week_1_arm_1,diary,1,north,,,,,,,2026-01-27,7.5,2
S-01,week_1_arm_1,diary,2,north,,,,,,,2026-01-28,6.0,0
S-02,check_in_arm_2,,1,,51,,0,0,,0,,,0
S-02,check_in_arm_2,,2,,,,0,0,,0,,8.0,0
`,
    })
    const info = (await json(t, { token, content: 'project' })) as Record<string, unknown>
    expect(info).toMatchObject({
      project_id: 15,
      project_title: 'Sleep Trial',
      purpose: 2,
      is_longitudinal: 1,
      has_repeating_instruments_or_events: 1,
      surveys_enabled: 1,
      record_autonumbering_enabled: 0,
    })
  })

  it('exports project XML that creates the same project again, files included', async () => {
    const t = await startDefault()
    const first = await create(t, { format: 'xml', data: ITEM, odm: ODM })
    const xml = await call(t, {
      token: first,
      content: 'project_xml',
      exportFiles: 'true',
      exportDataAccessGroups: 'true',
    })
    expect(xml.body).toContain(
      '<ItemDataBase64Binary ItemOID="consent" redcap:DocName="consent-s01.txt" redcap:MimeType="text/plain"><![CDATA[U2lnbmVkIGJ5IFMtMDEuCg==]]></ItemDataBase64Binary>',
    )
    const second = await create(t, {
      format: 'json',
      data: '[{"project_title":"Sleep Trial copy","purpose":"2"}]',
      odm: xml.body,
    })
    for (const content of [
      'metadata',
      'arm',
      'formEventMapping',
      'repeatingFormsEvents',
      'instrument',
    ]) {
      expect(await json(t, { token: second, content })).toEqual(
        await json(t, { token: first, content }),
      )
    }
    const records = { content: 'record', format: 'csv', exportDataAccessGroups: 'true' }
    expect((await call(t, { token: second, ...records })).body).toBe(
      (await call(t, { token: first, ...records })).body,
    )
  })

  it("creates REDCap's default one-instrument project without ODM, and registers the token", async () => {
    const t = await startDefault()
    const token = await create(t, {
      format: 'json',
      data: '[{"project_title":"Blank","purpose":"0","is_longitudinal":"1"}]',
    })
    expect(await json(t, { token, content: 'metadata' })).toEqual([
      META('record_id', 'form_1', { field_label: 'Record ID' }),
    ])
    expect(await json(t, { token, content: 'event' })).toEqual([
      {
        event_name: 'Event 1',
        arm_num: 1,
        unique_event_name: 'event_1_arm_1',
        custom_event_label: '',
        event_id: 46,
      },
    ])
    expect(await json(t, { token, content: 'formEventMapping' })).toEqual([
      { arm_num: 1, unique_event_name: 'event_1_arm_1', form: 'form_1' },
    ])
    const lookup = t.world.credentials.lookup('redcap', token)
    expect(lookup.found && lookup.credential).toMatchObject({
      kind: 'api_token',
      subject: 'alice',
      attributes: { projectId: '15', username: 'alice' },
    })
  })

  it('exports metadata-only project XML with the layout REDCap uses', async () => {
    const t = await startDefault()
    const token = await create(t, { format: 'xml', data: ITEM, odm: ODM })
    const xml = (await call(t, { token, content: 'project_xml', returnMetadataOnly: 'true' })).body
    expect(xml.startsWith(`${XML_HEAD}\n<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3"`)).toBe(true)
    expect(xml).not.toContain('<ClinicalData')
    expect(xml).toContain('<MetaDataVersion OID="Metadata.SleepTrial_2026-')
    expect(xml).toContain('redcap:RecordIdField="participant_id"')
    expect(xml.endsWith('</MetaDataVersion>\n</Study>\n</ODM>')).toBe(true)
  })
})
