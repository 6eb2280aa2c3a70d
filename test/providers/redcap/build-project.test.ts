/**
 * A project built from nothing through the API only, the way R and Python clients' own test
 * suites build theirs: create it with a super token, import the data dictionary, arms, events,
 * the form-event mapping, a DAG, a role, a user and the user's role while it is still classic,
 * switch it to longitudinal with Import Project Info, import records, then export everything.
 */
import { expect, it } from 'vitest'
import { ALICE_SUPER } from './support.js'
import { onBothTransports, type RedcapClient } from './two-transports.js'

const DICTIONARY = [
  'field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic,required_field,custom_alignment,question_number,matrix_group_name,matrix_ranking,field_annotation',
  'record_id,enrollment,,text,"Record ID",,,,,,,,,,,,,',
  'name,enrollment,,text,Name,,,,,,y,,,,,,,',
  'dob,enrollment,,text,"Date of birth",,,date_ymd,,,y,,,,,,,',
  'visit_date,visit,,text,"Visit date",,,date_ymd,,,,,,,,,,',
  'weight,visit,,text,Weight,,,number,,,,,,,,,,',
].join('\n')

async function build(c: RedcapClient) {
  const created = await c.post({
    token: ALICE_SUPER,
    content: 'project',
    format: 'json',
    data: '[{"project_title":"Built step by step","purpose":"4","record_autonumbering_enabled":"0"}]',
  })
  expect(created.body).toMatch(/^[0-9A-F]{32}$/)
  const token = created.body
  const send = async (content: string, params: Record<string, string>) =>
    (await c.post({ token, content, format: 'json', ...params })).body
  expect(await send('metadata', { format: 'csv', data: DICTIONARY })).toBe('5')
  const arms = '[{"arm_num":"1","name":"Control"},{"arm_num":"2","name":"Treatment"}]'
  expect(await send('arm', { action: 'import', data: arms })).toBe('2')
  const events = JSON.stringify([
    { event_name: 'Enrollment', arm_num: '1', day_offset: '0' },
    { event_name: 'Visit', arm_num: '1', day_offset: '30' },
    { event_name: 'Enrollment', arm_num: '2', day_offset: '0' },
  ])
  expect(await send('event', { action: 'import', override: '1', data: events })).toBe('3')
  const mapping = JSON.stringify([
    { arm_num: '1', unique_event_name: 'enrollment_arm_1', form: 'enrollment' },
    { arm_num: '1', unique_event_name: 'visit_arm_1', form: 'visit' },
    { arm_num: '2', unique_event_name: 'enrollment_arm_2', form: 'enrollment' },
  ])
  expect(await send('formEventMapping', { data: mapping })).toBe('3')
  const dag = '[{"data_access_group_name":"North","unique_group_name":""}]'
  expect(await send('dag', { action: 'import', data: dag })).toBe('1')
  const role = '[{"role_label":"Reviewer","api_export":"1","design":"0","user_rights":"0"}]'
  expect(await send('userRole', { data: role })).toBe('1')
  const roles = JSON.parse(await send('userRole', {})) as { unique_role_name: string }[]
  const reviewer = roles[0]?.unique_role_name ?? ''
  expect(reviewer).toMatch(/^U-[0-9A-Z]{10}$/)
  const user = JSON.stringify([
    { username: 'carol', email: 'carol@example.org', firstname: 'Carol', lastname: 'Chen' },
  ])
  expect(await send('user', { data: user })).toBe('1')
  const assign = JSON.stringify([{ username: 'carol', unique_role_name: reviewer }])
  expect(await send('userRoleMapping', { data: assign })).toBe('1')
  expect(
    await send('userDagMapping', {
      data: '[{"username":"carol","redcap_data_access_group":"north"}]',
    }),
  ).toBe('1')
  const settings = '{"is_longitudinal":1,"project_notes":"Ready for data"}'
  expect(await send('project_settings', { data: settings })).toBe('2')
  const records = JSON.stringify([
    { record_id: '1', name: 'Ada', dob: '1990-02-03' },
    { record_id: '1', redcap_event_name: 'visit_arm_1', visit_date: '2026-03-01', weight: '61.5' },
    { record_id: '2', redcap_event_name: 'enrollment_arm_2', name: 'Bo', dob: '1985-11-30' },
  ])
  expect(await send('record', { data: records })).toBe('{"count": 2}')
  const read = async (content: string, params: Record<string, string> = {}) =>
    (await c.post({ token, content, format: 'csv', ...params })).body
  return { read, reviewer }
}

onBothTransports('A project built through the API only', (start) => {
  it('exports its design, users and records as REDCap would', async () => {
    const { read, reviewer } = await build(await start())
    const info = (await read('project')).split('\n')[1] ?? ''
    expect(info).toMatch(
      /^15,"Built step by step","[\d-]+ [\d:]+",,0,English,4,,"Ready for data",,,1,0,0,0,0,0,0,,,,,1,,,0$/,
    )
    expect(await read('metadata')).toBe(`${DICTIONARY}\n`)
    expect(await read('instrument')).toBe(
      'instrument_name,instrument_label\nenrollment,Enrollment\nvisit,Visit\n',
    )
    expect(await read('arm')).toBe('arm_num,name\n1,Control\n2,Treatment\n')
    expect(await read('event')).toBe(
      'event_name,arm_num,unique_event_name,custom_event_label,event_id\n' +
        'Enrollment,1,enrollment_arm_1,,47\nVisit,1,visit_arm_1,,48\nEnrollment,2,enrollment_arm_2,,49\n',
    )
    expect(await read('formEventMapping')).toBe(
      'arm_num,unique_event_name,form\n1,enrollment_arm_1,enrollment\n1,visit_arm_1,visit\n2,enrollment_arm_2,enrollment\n',
    )
    expect(await read('dag')).toBe(
      'data_access_group_name,unique_group_name,data_access_group_id\nNorth,north,4\n',
    )
    expect(await read('userRoleMapping')).toBe(
      `username,unique_role_name,data_access_group\nalice,,\ncarol,${reviewer},north\n`,
    )
    expect(await read('userDagMapping')).toBe(
      'username,redcap_data_access_group\nalice,\ncarol,north\n',
    )
    const users = (await read('user')).split('\n')
    expect(users[0]).toBe(
      'username,email,firstname,lastname,expiration,data_access_group,data_access_group_id,design,alerts,user_rights,data_access_groups,reports,stats_and_charts,manage_survey_participants,calendar,data_import_tool,data_comparison_tool,logging,email_logging,file_repository,data_quality_create,data_quality_execute,api_export,api_import,api_modules,mobile_app,mobile_app_download_data,record_create,record_rename,record_delete,lock_records_all_forms,lock_records,lock_records_customization,forms,forms_export',
    )
    expect(users[2]).toMatch(/^carol,carol@example\.org,Carol,Chen,,north,4,0,/)
    expect(await read('record')).toBe(
      'record_id,redcap_event_name,name,dob,enrollment_complete,visit_date,weight,visit_complete\n' +
        '1,enrollment_arm_1,Ada,1990-02-03,0,,,\n1,visit_arm_1,,,,2026-03-01,61.5,0\n' +
        '2,enrollment_arm_2,Bo,1985-11-30,0,,,\n',
    )
    expect(await read('exportFieldNames')).toBe(
      'original_field_name,choice_value,export_field_name\nrecord_id,,record_id\nname,,name\ndob,,dob\nenrollment_complete,,enrollment_complete\nvisit_date,,visit_date\nweight,,weight\nvisit_complete,,visit_complete\n',
    )
    const log = JSON.parse(await read('log', { format: 'json' })) as { action: string }[]
    expect(log.map((e) => e.action).slice(-2)).toEqual(['Add user alice', 'Manage/Design '])
  })
})
