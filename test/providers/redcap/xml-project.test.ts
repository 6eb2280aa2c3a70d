/**
 * A project created from a hand-written REDCap Project XML file (data/clinic-project.xml: two
 * arms, four events, a repeating instrument and a repeating event, two DAGs, two user roles with
 * their rights, a survey, a calculated field and data), then every export compared with what
 * REDCap answers for such a project, on both transports.
 */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { ALICE_SUPER, CSV_TYPE, JSON_TYPE, XML_HEAD } from './support.js'
import { onBothTransports, type RedcapClient } from './two-transports.js'

const ODM = readFileSync(new URL('./data/clinic-project.xml', import.meta.url), 'utf8')
const ITEM = `${XML_HEAD}<item><project_title>Clinic Visits</project_title><purpose>2</purpose></item>`

async function createClinic(c: RedcapClient) {
  const created = await c.post({
    token: ALICE_SUPER,
    content: 'project',
    format: 'xml',
    data: ITEM,
    odm: ODM,
  })
  expect(created.status).toBe(200)
  expect(created.body).toMatch(/^[0-9A-F]{32}$/)
  const token = created.body
  return async (content: string, params: Record<string, string> = {}) => {
    const a = await c.post({ token, content, format: 'csv', ...params })
    const type = params.format === 'json' ? JSON_TYPE : CSV_TYPE
    expect({ status: a.status, type: a.type }).toEqual({ status: 200, type })
    return a.body
  }
}

const ROLE_HEADER =
  'unique_role_name,role_label,design,alerts,user_rights,data_access_groups,reports,stats_and_charts,manage_survey_participants,calendar,data_import_tool,data_comparison_tool,logging,email_logging,file_repository,data_quality_create,data_quality_execute,api_export,api_import,api_modules,mobile_app,mobile_app_download_data,record_create,record_rename,record_delete,lock_records_customization,lock_records,lock_records_all_forms,forms,forms_export'

onBothTransports('A project created from REDCap Project XML', (start) => {
  it('has the dictionary, arms, events, mapping and repeating setup the XML describes', async () => {
    const read = await createClinic(await start())
    expect(await read('metadata')).toBe(
      'field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic,required_field,custom_alignment,question_number,matrix_group_name,matrix_ranking,field_annotation\n' +
        'patient_id,intake,,text,"Patient ID",,,,,,,,,,,,,\n' +
        'weight_kg,intake,,text,"Weight (kg)",,,number,,,,,,,,,,\n' +
        'height_cm,intake,,text,"Height (cm)",,,number,,,,,,,,,,\n' +
        'bmi,intake,,calc,BMI,"round([weight_kg]/(([height_cm]/100)^2),1)",,,,,,,,,,,,\n' +
        'visit_date,visit,,text,"Visit date",,,date_ymd,,,,,,,,,,\n' +
        'sbp,visit,,text,"Systolic pressure",,,integer,,,,,,,,,,\n',
    )
    expect(await read('arm')).toBe('arm_num,name\n1,Standard\n2,Remote\n')
    expect(await read('event')).toBe(
      'event_name,arm_num,unique_event_name,custom_event_label,event_id,day_offset,offset_min,offset_max\n' +
        'Intake,1,intake_arm_1,,46,0,0,0\nFollow-up,1,follow_up_arm_1,,47,30,2,5\n' +
        'Intake,2,intake_arm_2,,48,0,0,0\nCall,2,call_arm_2,,49,14,0,1\n',
    )
    expect(await read('formEventMapping')).toBe(
      'arm_num,unique_event_name,form\n1,intake_arm_1,intake\n1,follow_up_arm_1,visit\n2,intake_arm_2,intake\n2,call_arm_2,visit\n',
    )
    expect(await read('repeatingFormsEvents')).toBe(
      'event_name,form_name,custom_form_label\nfollow_up_arm_1,visit,[visit_date]\ncall_arm_2,,\n',
    )
    expect(await read('exportFieldNames')).toBe(
      'original_field_name,choice_value,export_field_name\npatient_id,,patient_id\nweight_kg,,weight_kg\nheight_cm,,height_cm\nbmi,,bmi\nintake_complete,,intake_complete\nvisit_date,,visit_date\nsbp,,sbp\nvisit_complete,,visit_complete\n',
    )
  })

  it('creates the roles with their rights, the DAGs and the creator with full API rights', async () => {
    const c = await start()
    const read = await createClinic(c)
    expect(await read('dag')).toBe(
      'data_access_group_name,unique_group_name,data_access_group_id\n"Clinic East",clinic_east,4\n"Clinic West",clinic_west,5\n',
    )
    expect(await read('userRole')).toBe(
      `${ROLE_HEADER}\n` +
        'U-CLINIC0001,Coordinator,0,0,0,0,1,1,1,1,1,0,1,0,1,0,1,1,1,0,0,0,1,0,0,1,1,0,"intake:1,visit:1","intake:2,visit:2"\n' +
        'U-CLINIC0002,Viewer,0,0,0,0,1,1,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,"intake:1,visit:1","intake:1,visit:1"\n',
    )
    // JSON keeps the lock rights in the role order too, and the flags as strings.
    const roles = await read('userRole', { format: 'json' })
    expect(roles).toContain(
      '"record_delete":"0","lock_records_customization":"1","lock_records":"1","lock_records_all_forms":"0","forms":{"intake":1,"visit":1}',
    )
    expect(await read('user')).toBe(
      'username,email,firstname,lastname,expiration,data_access_group,data_access_group_id,design,alerts,user_rights,data_access_groups,reports,stats_and_charts,manage_survey_participants,calendar,data_import_tool,data_comparison_tool,logging,email_logging,file_repository,data_quality_create,data_quality_execute,api_export,api_import,api_modules,mobile_app,mobile_app_download_data,record_create,record_rename,record_delete,lock_records_all_forms,lock_records,lock_records_customization,forms,forms_export\n' +
        'alice,alice@example.org,Alice,Analyst,,,,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,1,1,1,1,0,1,1,1,0,0,0,"intake:1,visit:1","intake:1,visit:1"\n',
    )
    expect(await read('userRoleMapping')).toBe(
      'username,unique_role_name,data_access_group\nalice,,\n',
    )
  })

  it('writes the roles back in its own Project XML export', async () => {
    const c = await start()
    const token = (
      await c.post({ token: ALICE_SUPER, content: 'project', format: 'xml', data: ITEM, odm: ODM })
    ).body
    const exported = (await c.post({ token, content: 'project_xml', returnMetadataOnly: 'true' }))
      .body
    const coordinator = ODM.split('\n').find((line) => line.includes('role_name="Coordinator"'))
    expect(coordinator).toBeDefined()
    expect(exported).toContain(`\t<redcap:UserRolesGroup>\n${coordinator ?? ''}\n`)
  })

  it('stores the data without the calculated values the XML carried', async () => {
    const read = await createClinic(await start())
    expect(await read('record', { type: 'eav', exportDataAccessGroups: 'true' })).not.toContain(
      'bmi',
    )
    expect(await read('record', { exportDataAccessGroups: 'true' })).toBe(
      'patient_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,redcap_data_access_group,weight_kg,height_cm,bmi,intake_complete,visit_date,sbp,visit_complete\n' +
        'P-1,intake_arm_1,,,clinic_east,70,175,,2,,,\n' +
        'P-1,follow_up_arm_1,visit,1,clinic_east,,,,,2026-03-12,121,2\n' +
        'P-1,follow_up_arm_1,visit,2,clinic_east,,,,,2026-04-10,118,0\n' +
        'P-2,intake_arm_2,,,,80,180,,0,,,\n' +
        'P-2,call_arm_2,,1,,,,,,,130,0\n' +
        'P-2,call_arm_2,,2,,,,,,,127,0\n',
    )
  })

  it('logs the creation from XML, then the creator joining, as content=log reads them back', async () => {
    const read = await createClinic(await start())
    const log = JSON.parse(await read('log', { format: 'json' })) as Record<string, string>[]
    expect(log.map((e) => ({ ...e, timestamp: 'T' }))).toEqual([
      {
        timestamp: 'T',
        username: 'alice',
        action: 'Add user alice',
        details: "user = 'alice'",
        record: '',
      },
      {
        timestamp: 'T',
        username: 'alice',
        action: 'Manage/Design ',
        details: 'Create project using REDCap XML file (API)',
        record: '',
      },
    ])
    expect(log.every((e) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(e.timestamp ?? ''))).toBe(true)
  })

  it('logs the plain creation message for a project created without XML', async () => {
    const c = await start()
    const token = (
      await c.post({ token: ALICE_SUPER, content: 'project', format: 'xml', data: ITEM })
    ).body
    const log = (await c.post({ token, content: 'log', format: 'csv' })).body
    expect(
      log
        .split('\n')
        .slice(1, 3)
        .map((l) => l.replace(/^"[^"]+",/, '')),
    ).toEqual([
      `alice,"Add user alice","user = 'alice'",`,
      `alice,"Manage/Design ","Create project (API)",`,
    ])
  })
})
