/**
 * Import Project Info (`project_settings`), Rename Record and Randomize Record, on both transports,
 * with REDCap's exact bodies in json, csv and xml and its refusals.
 */
import { expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  CSV_TYPE,
  ETL_CLASSIC,
  JSON_TYPE,
  TOKEN_A,
  XML_HEAD,
  XML_TYPE,
} from './support.js'
import { onBothTransports } from './two-transports.js'

const classicUser = (rights: Record<string, unknown>) => ({
  scenario: {
    seed: 'standin',
    providers: {
      redcap: {
        projects: [
          { id: 13, fixture: 'classic', users: [{ username: 'u', token: TOKEN_A, rights }] },
        ],
      },
    },
  },
})

onBothTransports('Import Project Info', (start) => {
  const settings = { token: ALICE_CLASSIC, content: 'project_settings' }

  it('stores the documented attributes of a JSON object and answers how many were posted', async () => {
    const c = await start()
    const data = '{"project_title":"Renamed study","surveys_enabled":0,"not_an_attribute":"x"}'
    expect(await c.post({ ...settings, format: 'json', data })).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: '3',
    })
    const info = JSON.parse(
      (await c.post({ token: ALICE_CLASSIC, content: 'project', format: 'json' })).body,
    ) as Record<string, unknown>
    expect([info.project_title, info.surveys_enabled]).toEqual(['Renamed study', 0])
    // Surveys are off from now on.
    expect(
      await c.post({
        token: ALICE_CLASSIC,
        content: 'surveyLink',
        record: '1',
        instrument: 'demographics',
        format: 'json',
      }),
    ).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: '{"error":"Surveys are not enabled in this project."}',
    })
  })

  it('makes a classic project longitudinal from a CSV row: its event holds every form', async () => {
    const c = await start()
    const data = 'is_longitudinal,project_notes\n1,"Now with events"\n'
    expect(await c.post({ ...settings, format: 'csv', data })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: '2',
    })
    const read = async (content: string) =>
      (await c.post({ token: ALICE_CLASSIC, content, format: 'csv' })).body
    expect(await read('arm')).toBe('arm_num,name\n1,"Arm 1"\n')
    expect(await read('formEventMapping')).toBe(
      'arm_num,unique_event_name,form\n1,event_1_arm_1,demographics\n1,event_1_arm_1,health\n',
    )
    const rows = JSON.parse(
      (await c.post({ token: ALICE_CLASSIC, content: 'record', format: 'json', records: '1' }))
        .body,
    ) as Record<string, unknown>[]
    expect(rows.map((r) => [r.record_id, r.redcap_event_name, r.first_name])).toEqual([
      ['1', 'event_1_arm_1', 'Ana'],
    ])
  })

  it('reads XML items and answers in the posted format', async () => {
    const c = await start()
    const data = `${XML_HEAD}<items><project_irb_number>IRB-9</project_irb_number><purpose>4</purpose></items>`
    expect(await c.post({ ...settings, format: 'xml', data })).toEqual({
      status: 200,
      type: XML_TYPE,
      body: '2',
    })
    const info = (await c.post({ token: ALICE_CLASSIC, content: 'project', format: 'csv' })).body
    expect(info.split('\n')[1]).toContain(',4,,')
    expect(info.split('\n')[1]).toContain('IRB-9')
  })

  it("answers broken data in REDCap's envelope, never with a 5xx", async () => {
    const c = await start()
    const broken = await c.post({
      ...settings,
      format: 'odm',
      returnFormat: 'json',
      data: '<items><a>',
    })
    expect([broken.status, broken.type]).toEqual([400, JSON_TYPE])
    expect(broken.body).toMatch(
      /^\{"error":"The data being imported is not formatted correctly\. Error: /,
    )
    expect(await c.post({ ...settings, format: 'csv', data: '' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: '0',
    })
  })

  it('refuses a user without Project Design with api_228 and one without API Import with 403', async () => {
    const c = await start(classicUser({ design: false }))
    expect(
      await c.post({ token: TOKEN_A, content: 'project_settings', format: 'json', data: '{}' }),
    ).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: `{"error":"Insufficient user privileges: You must have 'API Import\\/Update' privileges and 'Project Setup\\/Design' privileges in the project."}`,
    })
    const d = await start()
    expect(
      await d.post({ token: ETL_CLASSIC, content: 'project_settings', format: 'json', data: '{}' }),
    ).toEqual({
      status: 403,
      type: JSON_TYPE,
      body: '{"error":"You do not have API Import\\/Update privileges"}',
    })
  })
})

onBothTransports('Rename Record', (start) => {
  const rename = { token: ALICE_CLASSIC, content: 'record', action: 'rename' }

  it('renames a record with its values, files, DAG and log history and answers 1', async () => {
    const c = await start()
    expect(
      await c.post({ ...rename, record: '1', new_record_name: 'A-1', format: 'json' }),
    ).toEqual({ status: 200, type: JSON_TYPE, body: '1' })
    const exported = (
      await c.post({
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'csv',
        fields: 'record_id,first_name,consent_form',
      })
    ).body
    expect(exported).toBe(
      'record_id,first_name,consent_form\n2,Ben,\n3,Chloé,\n4,Dev,\nA-1,Ana,consent-1.txt\n',
    )
    const file = await c.post({
      token: ALICE_CLASSIC,
      content: 'file',
      action: 'export',
      record: 'A-1',
      field: 'consent_form',
    })
    expect(file.status).toBe(200)
    const log = JSON.parse(
      (await c.post({ token: ALICE_CLASSIC, content: 'log', format: 'json', record: 'A-1' })).body,
    ) as { action: string; details: string }[]
    expect(log.map((e) => [e.action, e.details])).toEqual([
      ['Rename Record (API) A-1', "old_record = '1',\nnew_record = 'A-1'"],
      ['Create record (API) 1', "record_id = '1', first_name = 'Ana'"],
    ])
  })

  it('answers an empty body for an unknown record or a name already taken', async () => {
    const c = await start()
    expect(
      await c.post({ ...rename, record: '99', new_record_name: '100', format: 'csv' }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: '' })
    expect(await c.post({ ...rename, record: '1', new_record_name: '2' })).toEqual({
      status: 200,
      type: XML_TYPE,
      body: '',
    })
  })

  it('renames only the arm it is given in a multi-arm project', async () => {
    const c = await start()
    const long = { token: ALICE_LONG, content: 'record', action: 'rename', format: 'json' }
    expect(
      (await c.post({ ...long, record: '1002', new_record_name: '2002', arm: '1' })).body,
    ).toBe('')
    expect(
      (await c.post({ ...long, record: '1002', new_record_name: '2002', arm: '2' })).body,
    ).toBe('1')
  })

  it('refuses a user without the Rename Records right', async () => {
    const c = await start(classicUser({ recordRename: false }))
    expect(
      await c.post({
        token: TOKEN_A,
        content: 'record',
        action: 'rename',
        record: '1',
        new_record_name: '5',
        format: 'json',
      }),
    ).toEqual({
      status: 403,
      type: JSON_TYPE,
      body: '{"error":"You do not have Rename Record privileges"}',
    })
  })
})

onBothTransports('Randomize Record', (start) => {
  const randomize = {
    token: ALICE_CLASSIC,
    content: 'record',
    action: 'randomize',
    randomization_id: '1',
  }

  it('allocates the first matching row and answers json, csv and xml', async () => {
    const c = await start()
    expect(await c.post({ ...randomize, record: '1', format: 'json' })).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: '{"randomization_id":1,"record":"1","target_field":"1","target_field_name":"rand_group"}',
    })
    expect(await c.post({ ...randomize, record: '4', format: 'csv', returnAlt: 'true' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'randomization_id,record,target_field,target_field_name,target_field_alt\n1,4,2,rand_group,B-002\n',
    })
    expect(await c.post({ ...randomize, record: '2' })).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}\n<items>\n<randomization_id><![CDATA[1]]></randomization_id><record><![CDATA[2]]></record><target_field><![CDATA[2]]></target_field><target_field_name><![CDATA[rand_group]]></target_field_name>\n</items>\n`,
    })
    const groups = (
      await c.post({
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'csv',
        fields: 'record_id,rand_group',
      })
    ).body
    expect(groups).toBe('record_id,rand_group\n1,1\n2,2\n3,\n4,2\n')
  })

  it("answers REDCap's sentences when it cannot randomize", async () => {
    const c = await start()
    const say = async (params: Record<string, string>) =>
      (await c.post({ ...randomize, format: 'json', ...params })).body
    expect(await say({ record: '99' })).toBe('Cannot randomize. Record does not exist.')
    expect(await say({ record: '3' })).toBe(
      'Cannot randomize. Missing stratification data for fields: smoker',
    )
    expect(await say({ record: '1', randomization_id: '7' })).toBe('Invalid data supplied')
    await say({ record: '1' })
    expect(await say({ record: '1' })).toBe(
      'Cannot randomize. Randomization already completed for record.',
    )
    await say({ record: '4' })
    const data = '[{"record_id":"5","smoker":"0"}]'
    await c.post({ token: ALICE_CLASSIC, content: 'record', format: 'json', data })
    expect(await say({ record: '5' })).toBe('Cannot randomize. No allocations available.')
    // Randomization switched off through Import Project Info: no model answers any more.
    const off = '{"randomization_enabled":"0"}'
    await c.post({ token: ALICE_CLASSIC, content: 'project_settings', format: 'json', data: off })
    expect(await c.post({ ...randomize, record: '2', format: 'json' })).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: 'Invalid data supplied',
    })
  })

  it('refuses a user without the Randomize right', async () => {
    const c = await start()
    expect(await c.post({ ...randomize, token: ETL_CLASSIC, record: '1', format: 'json' })).toEqual(
      { status: 403, type: JSON_TYPE, body: '{"error":"You do not have Randomize privileges"}' },
    )
  })
})
