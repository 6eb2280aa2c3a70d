/**
 * The REDCap API through a real socket (serveApp on 127.0.0.1:0) with a form-encoded client, as
 * PyCap and REDCapR post, and a multipart client, as redcapAPI posts: every content of this
 * provider in each format it answers, whole bodies.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  ALICE_SUPER,
  CSV_TYPE,
  answer,
  formBody,
  JSON_TYPE,
  multipartBody,
  postTo,
  serveDefault,
  XML_HEAD,
  XML_TYPE,
  type Params,
} from './support.js'

const server = serveDefault()

/** A form-encoded POST over HTTP, the way PyCap's `requests.post(url, data=...)` sends it. */
const post = async (params: Params) => answer(await postTo(server.url(), formBody(params)))

/** A multipart POST, the way redcapAPI's `curl::handle_setform` sends every call. */
const postMultipart = async (params: Record<string, string>) =>
  answer(await postTo(server.url(), multipartBody(params)))

const TYPES = { json: JSON_TYPE, csv: CSV_TYPE, xml: XML_TYPE } as const
const x = (rows: string[]) =>
  `${XML_HEAD}\n<records>\n${rows.map((r) => `<item>${r}</item>\n`).join('')}</records>`
const c = (name: string, value: string) =>
  value === '' ? `<${name}></${name}>` : `<${name}><![CDATA[${value}]]></${name}>`

type Case = [string, Params, keyof typeof TYPES, string]

const CASES: Case[] = [
  ['version', { token: ALICE_CLASSIC, content: 'version' }, 'csv', '15.7.6'],
  [
    'record',
    { token: ALICE_CLASSIC, content: 'record', records: '2', fields: 'record_id,sex' },
    'json',
    '[{"record_id":"2","sex":"1"}]',
  ],
  [
    'record',
    { token: ALICE_CLASSIC, content: 'record', records: '2', fields: 'record_id,sex' },
    'csv',
    'record_id,sex\n2,1\n',
  ],
  [
    'record',
    { token: ALICE_CLASSIC, content: 'record', records: '2', fields: 'record_id,sex' },
    'xml',
    x([c('record_id', '2') + c('sex', '1')]),
  ],
  [
    'metadata',
    { token: ALICE_LONG, content: 'metadata', fields: 'initials' },
    'json',
    '[{"field_name":"initials","form_name":"enrollment","section_header":"","field_type":"text","field_label":"Initials","select_choices_or_calculations":"","field_note":"","text_validation_type_or_show_slider_number":"","text_validation_min":"","text_validation_max":"","identifier":"y","branching_logic":"","required_field":"","custom_alignment":"","question_number":"","matrix_group_name":"","matrix_ranking":"","field_annotation":""}]',
  ],
  [
    'metadata',
    { token: ALICE_LONG, content: 'metadata', fields: 'initials' },
    'csv',
    'field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic,required_field,custom_alignment,question_number,matrix_group_name,matrix_ranking,field_annotation\ninitials,enrollment,,text,Initials,,,,,,y,,,,,,,\n',
  ],
  [
    'metadata',
    { token: ALICE_LONG, content: 'metadata', fields: 'initials' },
    'xml',
    x([
      c('field_name', 'initials') +
        c('form_name', 'enrollment') +
        c('section_header', '') +
        c('field_type', 'text') +
        c('field_label', 'Initials') +
        [
          'select_choices_or_calculations',
          'field_note',
          'text_validation_type_or_show_slider_number',
          'text_validation_min',
          'text_validation_max',
        ]
          .map((n) => c(n, ''))
          .join('') +
        c('identifier', 'y') +
        [
          'branching_logic',
          'required_field',
          'custom_alignment',
          'question_number',
          'matrix_group_name',
          'matrix_ranking',
          'field_annotation',
        ]
          .map((n) => c(n, ''))
          .join(''),
    ]),
  ],
  [
    'instrument',
    { token: ALICE_CLASSIC, content: 'instrument' },
    'json',
    '[{"instrument_name":"demographics","instrument_label":"Demographics"},{"instrument_name":"health","instrument_label":"Health"}]',
  ],
  [
    'instrument',
    { token: ALICE_CLASSIC, content: 'instrument' },
    'csv',
    'instrument_name,instrument_label\ndemographics,Demographics\nhealth,Health\n',
  ],
  [
    'instrument',
    { token: ALICE_CLASSIC, content: 'instrument' },
    'xml',
    x([
      c('instrument_name', 'demographics') + c('instrument_label', 'Demographics'),
      c('instrument_name', 'health') + c('instrument_label', 'Health'),
    ]),
  ],
  [
    'arm',
    { token: ALICE_LONG, content: 'arm' },
    'json',
    '[{"arm_num":1,"name":"Treatment"},{"arm_num":2,"name":"Control"}]',
  ],
  ['arm', { token: ALICE_LONG, content: 'arm' }, 'csv', 'arm_num,name\n1,Treatment\n2,Control\n'],
  [
    'arm',
    { token: ALICE_LONG, content: 'arm' },
    'xml',
    x([c('arm_num', '1') + c('name', 'Treatment'), c('arm_num', '2') + c('name', 'Control')]),
  ],
  [
    'event',
    { token: ALICE_LONG, content: 'event', 'arms[]': '2' },
    'json',
    '[{"event_name":"Baseline","arm_num":2,"unique_event_name":"baseline_arm_2","custom_event_label":"","event_id":44},{"event_name":"Follow-up","arm_num":2,"unique_event_name":"follow_up_arm_2","custom_event_label":"[visit_date]","event_id":45}]',
  ],
  [
    'event',
    { token: ALICE_LONG, content: 'event', 'arms[]': '2' },
    'csv',
    'event_name,arm_num,unique_event_name,custom_event_label,event_id\nBaseline,2,baseline_arm_2,,44\nFollow-up,2,follow_up_arm_2,[visit_date],45\n',
  ],
  [
    'event',
    { token: ALICE_LONG, content: 'event', 'arms[]': '2' },
    'xml',
    x([
      c('event_name', 'Baseline') +
        c('arm_num', '2') +
        c('unique_event_name', 'baseline_arm_2') +
        c('custom_event_label', '') +
        c('event_id', '44'),
      c('event_name', 'Follow-up') +
        c('arm_num', '2') +
        c('unique_event_name', 'follow_up_arm_2') +
        c('custom_event_label', '[visit_date]') +
        c('event_id', '45'),
    ]),
  ],
  [
    'formEventMapping',
    { token: ALICE_LONG, content: 'formEventMapping', 'arms[0]': '2' },
    'json',
    '[{"arm_num":2,"unique_event_name":"baseline_arm_2","form":"enrollment"},{"arm_num":2,"unique_event_name":"follow_up_arm_2","form":"vitals"},{"arm_num":2,"unique_event_name":"follow_up_arm_2","form":"questionnaire"}]',
  ],
  [
    'formEventMapping',
    { token: ALICE_LONG, content: 'formEventMapping', 'arms[0]': '2' },
    'csv',
    'arm_num,unique_event_name,form\n2,baseline_arm_2,enrollment\n2,follow_up_arm_2,vitals\n2,follow_up_arm_2,questionnaire\n',
  ],
  [
    'formEventMapping',
    { token: ALICE_LONG, content: 'formEventMapping', 'arms[0]': '2' },
    'xml',
    x([
      c('arm_num', '2') + c('unique_event_name', 'baseline_arm_2') + c('form', 'enrollment'),
      c('arm_num', '2') + c('unique_event_name', 'follow_up_arm_2') + c('form', 'vitals'),
      c('arm_num', '2') + c('unique_event_name', 'follow_up_arm_2') + c('form', 'questionnaire'),
    ]),
  ],
  [
    'exportFieldNames',
    { token: ALICE_CLASSIC, content: 'exportFieldNames', field: 'smoker' },
    'json',
    '[{"original_field_name":"smoker","choice_value":"","export_field_name":"smoker"}]',
  ],
  [
    'exportFieldNames',
    { token: ALICE_CLASSIC, content: 'exportFieldNames', field: 'smoker' },
    'csv',
    'original_field_name,choice_value,export_field_name\nsmoker,,smoker\n',
  ],
  [
    'exportFieldNames',
    { token: ALICE_CLASSIC, content: 'exportFieldNames', field: 'smoker' },
    'xml',
    x([
      c('original_field_name', 'smoker') + c('choice_value', '') + c('export_field_name', 'smoker'),
    ]),
  ],
  [
    'repeatingFormsEvents',
    { token: ALICE_LONG, content: 'repeatingFormsEvents' },
    'json',
    '[{"event_name":"visit_1_arm_1","form_name":"vitals","custom_form_label":"[visit_date]: [sbp] mmHg"},{"event_name":"follow_up_arm_2","form_name":"","custom_form_label":""}]',
  ],
  [
    'repeatingFormsEvents',
    { token: ALICE_LONG, content: 'repeatingFormsEvents' },
    'csv',
    'event_name,form_name,custom_form_label\nvisit_1_arm_1,vitals,"[visit_date]: [sbp] mmHg"\nfollow_up_arm_2,,\n',
  ],
  [
    'repeatingFormsEvents',
    { token: ALICE_LONG, content: 'repeatingFormsEvents' },
    'xml',
    x([
      c('event_name', 'visit_1_arm_1') +
        c('form_name', 'vitals') +
        c('custom_form_label', '[visit_date]: [sbp] mmHg'),
      c('event_name', 'follow_up_arm_2') + c('form_name', '') + c('custom_form_label', ''),
    ]),
  ],
  [
    'generateNextRecordName',
    { token: ALICE_LONG, content: 'generateNextRecordName' },
    'json',
    '1004',
  ],
  [
    'generateNextRecordName',
    { token: ALICE_LONG, content: 'generateNextRecordName' },
    'csv',
    '1004',
  ],
  [
    'generateNextRecordName',
    { token: ALICE_LONG, content: 'generateNextRecordName' },
    'xml',
    '1004',
  ],
]

describe('the REDCap API over real HTTP', () => {
  it.each(CASES)('answers %s in %s', async (_content, params, format, body) => {
    expect(await post({ ...params, format })).toEqual({ status: 200, type: TYPES[format], body })
  })

  it('answers project export in json, csv and xml', async () => {
    const a = await post({ token: ALICE_LONG, content: 'project', format: 'json' })
    expect(JSON.parse(a.body)).toMatchObject({
      project_id: 14,
      project_title: 'Longitudinal Demo Study',
      is_longitudinal: 1,
      has_repeating_instruments_or_events: 1,
    })
    expect(
      (await post({ token: ALICE_LONG, content: 'project', format: 'csv' })).body.split('\n')[1],
    ).toBe(
      '14,"Longitudinal Demo Study","2026-01-11 08:00:00",,0,English,2,,"Two arms, repeating vitals, a repeating follow-up event, a survey, DAGs and a file field.",,,1,1,1,0,0,0,0,IRB-2026-014,,Ada,Lovelace,1,,,0',
    )
    expect((await post({ token: ALICE_LONG, content: 'project', format: 'xml' })).body).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8" \?>\n<item><project_id><!\[CDATA\[14\]\]><\/project_id>/,
    )
    expect(
      (await post({ token: ALICE_LONG, content: 'project_xml', returnMetadataOnly: '1' })).type,
    ).toBe(XML_TYPE)
  })

  it('imports, exports and deletes records with a multipart client', async () => {
    const data = 'study_id,redcap_event_name,initials,group\n3001,baseline_arm_2,ZZ,2\n'
    expect(
      await postMultipart({
        token: ALICE_LONG,
        content: 'record',
        format: 'csv',
        data,
        returnContent: 'ids',
      }),
    ).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'id\n3001',
    })
    expect(
      await postMultipart({
        token: ALICE_LONG,
        content: 'record',
        format: 'csv',
        records: '3001',
        fields: 'study_id,initials,group',
        rawOrLabel: 'label',
      }),
    ).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'study_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,initials,group\n3001,"Baseline (Arm 2: Control)",,,ZZ,Control\n',
    })
    expect(
      await postMultipart({
        token: ALICE_LONG,
        content: 'record',
        action: 'delete',
        'records[0]': '3001',
        format: 'csv',
      }),
    ).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: '1',
    })
  })

  it('creates a project with the super token, the way PyCap sends its XML item', async () => {
    const data = `${XML_HEAD}<item><project_title>Over the wire</project_title><purpose>0</purpose></item>`
    const created = await post({ token: ALICE_SUPER, content: 'project', format: 'xml', data })
    expect(created.status).toBe(200)
    const token = created.body.slice(-32)
    expect(await post({ token, content: 'instrument', format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'instrument_name,instrument_label\nform_1,"Form 1"\n',
    })
  })

  it('answers GET with 501 and an unknown path with the web server 404', async () => {
    const get = await fetch(`${server.url()}/redcap/api/`)
    expect({ status: get.status, body: await get.text() }).toEqual({
      status: 501,
      body: `${XML_HEAD}<hash><error>The requested method is not implemented.</error></hash>`,
    })
    const missing = await fetch(`${server.url()}/redcap/apiFFFF/`, { method: 'POST' })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toBe('text/html; charset=iso-8859-1')
  })

  it('redirects /api to /api/ as the web server does', async () => {
    const response = await fetch(`${server.url()}/redcap/api`, {
      method: 'POST',
      redirect: 'manual',
    })
    expect({ status: response.status, location: response.headers.get('location') }).toEqual({
      status: 301,
      location: `${server.url()}/redcap/api/`,
    })
  })
})
