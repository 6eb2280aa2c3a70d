/**
 * Export field lists as REDCap 15.7.6 sends them, on both transports: the user export without a
 * DAG label, the role export's lock rights in the role order in every format, userRoleMapping with
 * the DAG column because the project has DAGs, exportFieldNames without file fields, and a
 * participant list holding every record of the arm.
 */
import { expect, it } from 'vitest'
import { ALICE_CLASSIC, ALICE_LONG, XML_HEAD } from './support.js'
import { onBothTransports } from './two-transports.js'

const RIGHTS =
  'design,alerts,user_rights,data_access_groups,reports,stats_and_charts,manage_survey_participants,calendar,data_import_tool,data_comparison_tool,logging,email_logging,file_repository,data_quality_create,data_quality_execute,api_export,api_import,api_modules,mobile_app,mobile_app_download_data,record_create,record_rename,record_delete'

onBothTransports('Export field lists', (start) => {
  it('user export: no data_access_group_label, lock rights last in the user order', async () => {
    const c = await start()
    const csv = (await c.post({ token: ALICE_CLASSIC, content: 'user', format: 'csv' })).body
    expect(csv.split('\n')[0]).toBe(
      `username,email,firstname,lastname,expiration,data_access_group,data_access_group_id,${RIGHTS},lock_records_all_forms,lock_records,lock_records_customization,forms,forms_export`,
    )
  })

  it('userRole export: lock_records_customization, lock_records, lock_records_all_forms in every format', async () => {
    const c = await start()
    const params = { token: ALICE_CLASSIC, content: 'userRole' }
    const csv = (await c.post({ ...params, format: 'csv' })).body
    expect(csv.split('\n')[0]).toBe(
      `unique_role_name,role_label,${RIGHTS},lock_records_customization,lock_records,lock_records_all_forms,forms,forms_export`,
    )
    const json = (await c.post({ ...params, format: 'json' })).body
    expect(Object.keys((JSON.parse(json) as Record<string, unknown>[])[0] ?? {})).toEqual(
      csv.split('\n')[0]?.split(','),
    )
    const xml = (await c.post(params)).body
    expect(xml.startsWith(`${XML_HEAD}\n<records>\n<item><unique_role_name>`)).toBe(true)
    expect(xml).toContain(
      '<record_delete><![CDATA[0]]></record_delete><lock_records_customization><![CDATA[0]]></lock_records_customization><lock_records><![CDATA[0]]></lock_records><lock_records_all_forms><![CDATA[0]]></lock_records_all_forms>',
    )
  })

  it('userRoleMapping adds the DAG column on a project with DAGs', async () => {
    const c = await start()
    expect(
      (await c.post({ token: ALICE_CLASSIC, content: 'userRoleMapping', format: 'csv' })).body,
    ).toBe('username,unique_role_name,data_access_group\nalice,,\nbob,,\netl_service,,\n')
  })

  it('exportFieldNames leaves out file and descriptive fields', async () => {
    const c = await start()
    const csv = (await c.post({ token: ALICE_CLASSIC, content: 'exportFieldNames', format: 'csv' }))
      .body
    expect(csv).toBe(
      'original_field_name,choice_value,export_field_name\nrecord_id,,record_id\nfirst_name,,first_name\nlast_name,,last_name\ndob,,dob\nsex,,sex\nemail,,email\ndemographics_complete,,demographics_complete\n' +
        'height_cm,,height_cm\nweight_kg,,weight_kg\nbmi,,bmi\nsmoker,,smoker\nconditions,1,conditions___1\nconditions,2,conditions___2\nconditions,3,conditions___3\nconditions,99,conditions___99\nnotes,,notes\nrand_group,,rand_group\nhealth_complete,,health_complete\n',
    )
  })

  it('participantList lists every record of the arm, with a blank e-mail where none was given', async () => {
    const c = await start()
    const list = (
      await c.post({
        token: ALICE_LONG,
        content: 'participantList',
        instrument: 'questionnaire',
        event: 'baseline_arm_1',
        format: 'json',
      })
    ).body
    const rows = JSON.parse(list) as { email: string; record: string; response_status: number }[]
    expect(rows.map((r) => [r.email, r.record, r.response_status])).toEqual([
      ['pat@example.org', '', 0],
      ['', '1001', 2],
      ['', '1003', 0],
    ])
  })
})
