/**
 * content=dag (export, import, delete, switch) and userDagMapping in each format, with the DAG
 * right refusals of docs/protocols/redcap.md §1.5 step 7 and §2.4.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_LONG,
  call,
  CSV_TYPE,
  errorXml,
  json,
  JSON_TYPE,
  startWith,
  startDefault,
  TOKEN_A,
  TOKEN_B,
  XML_HEAD,
  XML_TYPE,
  type Params,
} from './support.js'

const SITES = [
  { data_access_group_name: 'Site A', unique_group_name: 'site_a', data_access_group_id: 2 },
  { data_access_group_name: 'Site B', unique_group_name: 'site_b', data_access_group_id: 3 },
]

/** Project 14 with `u` (token A) and `v` (token B) holding the rights and DAGs a test chooses. */
function startLongWith(u: Record<string, unknown>, v: Record<string, unknown> = {}) {
  return startWith({
    projects: [
      {
        id: 14,
        fixture: 'longitudinal',
        users: [
          { username: 'u', token: TOKEN_A, ...u },
          { username: 'v', token: TOKEN_B, ...v },
        ],
      },
    ],
  })
}

describe('dag', () => {
  it('exports the DAGs in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_LONG, content: 'dag' })).toEqual(SITES)
    expect(await call(t, { token: ALICE_LONG, content: 'dag', format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'data_access_group_name,unique_group_name,data_access_group_id\n"Site A",site_a,2\n"Site B",site_b,3\n',
    })
    expect(await call(t, { token: ALICE_LONG, content: 'dag' })).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}\n<records>\n<item><data_access_group_name><![CDATA[Site A]]></data_access_group_name><unique_group_name><![CDATA[site_a]]></unique_group_name><data_access_group_id><![CDATA[2]]></data_access_group_id></item>\n<item><data_access_group_name><![CDATA[Site B]]></data_access_group_name><unique_group_name><![CDATA[site_b]]></unique_group_name><data_access_group_id><![CDATA[3]]></data_access_group_id></item>\n</records>`,
    })
  })

  it('creates a DAG from a blank unique name and renames a known one', async () => {
    const t = await startDefault()
    const data = JSON.stringify([
      { data_access_group_name: 'New DAG', unique_group_name: '' },
      { data_access_group_name: 'Site A (north)', unique_group_name: 'site_a' },
    ])
    expect(
      await call(t, { token: ALICE_LONG, content: 'dag', action: 'import', format: 'json', data }),
    ).toEqual({ status: 200, type: JSON_TYPE, body: '2' })
    expect(await json(t, { token: ALICE_LONG, content: 'dag' })).toEqual([
      { ...SITES[0], data_access_group_name: 'Site A (north)' },
      SITES[1],
      { data_access_group_name: 'New DAG', unique_group_name: 'new_dag', data_access_group_id: 4 },
    ])
  })

  it('deletes DAGs and leaves their records unassigned', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_LONG,
        content: 'dag',
        action: 'delete',
        dags: ['site_a'],
        returnFormat: 'csv',
      }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: '1' })
    expect(await json(t, { token: ALICE_LONG, content: 'dag' })).toEqual([SITES[1]])
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'record',
          format: 'csv',
          fields: 'study_id',
          events: 'baseline_arm_1,baseline_arm_2',
          exportDataAccessGroups: 'true',
        })
      ).body,
    ).toBe(
      'study_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,redcap_data_access_group\n1001,baseline_arm_1,,,\n1002,baseline_arm_2,,,site_b\n1003,baseline_arm_1,,,\n',
    )
  })

  it('switches the caller to another DAG the DAG Switcher allows and answers 1', async () => {
    const t = await startLongWith({ dag: 'site_a', dagSwitcher: ['site_a', 'site_b'] })
    const records = async () =>
      (
        (await json(t, { token: TOKEN_A, content: 'record', fields: 'study_id' })) as {
          study_id: string
        }[]
      ).map((r) => r.study_id)
    expect(await records()).toEqual(['1001', '1001', '1001'])
    expect(
      await call(t, { token: TOKEN_A, content: 'dag', action: 'switch', dag: 'site_b' }),
    ).toEqual({ status: 200, type: XML_TYPE, body: '1' })
    expect(await records()).toEqual(['1002', '1002', '1002'])
  })

  it('refuses a switch to a DAG the DAG Switcher does not list', async () => {
    const t = await startLongWith({ dag: 'site_a', dagSwitcher: ['site_a'] })
    expect(
      await call(t, { token: TOKEN_A, content: 'dag', action: 'switch', dag: 'site_b' }),
    ).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml(
        "You cannot switch to the Data Access Group 'site_b' because you have not been assigned to it in the DAG Switcher.",
      ),
    })
  })

  it.each<[string, Record<string, unknown>, Params, number, string]>([
    [
      'export without the DAG right',
      { rights: { dataAccessGroups: false } },
      {},
      400,
      "Insufficient user privileges: You must have 'API Export' privileges and 'Data Access Groups' privileges in the project.",
    ],
    [
      'import without the DAG right',
      { rights: { dataAccessGroups: false } },
      { action: 'import', data: '[{"data_access_group_name":"X"}]' },
      400,
      "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Data Access Groups' privileges in the project.",
    ],
    [
      'delete without the DAG right',
      { rights: { dataAccessGroups: false } },
      { action: 'delete', dags: ['site_a'] },
      400,
      "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Data Access Groups' privileges in the project.",
    ],
    [
      'export by a user assigned to a DAG',
      { dag: 'site_a' },
      {},
      403,
      'You do not have permission to export Data Access Groups because you have been assigned to a Data Access Group.',
    ],
    [
      'delete by a user assigned to a DAG',
      { dag: 'site_b' },
      { action: 'delete', dags: ['site_a'] },
      403,
      'You do not have permission to delete Data Access Groups because you have been assigned to a Data Access Group.',
    ],
    [
      'delete of an unknown DAG',
      {},
      { action: 'delete', dags: ['site_z'] },
      400,
      `The following values in the parameter "dags" are not valid: 'site_z'`,
    ],
  ])('refuses dag %s', async (_name, u, params, status, message) => {
    const t = await startLongWith(u)
    expect(await call(t, { token: TOKEN_A, content: 'dag', format: 'csv', ...params })).toEqual({
      status,
      type: CSV_TYPE,
      body: `ERROR: ${message}`,
    })
  })

  it('deletes DAGs with the DAG right alone, without API Import or Delete Records', async () => {
    const t = await startLongWith({ rights: { apiImport: false, recordDelete: false } })
    expect(
      (await call(t, { token: TOKEN_A, content: 'dag', action: 'delete', dags: ['site_b'] })).body,
    ).toBe('1')
  })
})

describe('userDagMapping', () => {
  it('exports each user and their DAG in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_LONG, content: 'userDagMapping' })).toEqual([
      { username: 'alice', redcap_data_access_group: '' },
      { username: 'bob', redcap_data_access_group: 'site_a' },
    ])
    expect(
      (await call(t, { token: ALICE_LONG, content: 'userDagMapping', format: 'csv' })).body,
    ).toBe('username,redcap_data_access_group\nalice,\nbob,site_a\n')
    expect((await call(t, { token: ALICE_LONG, content: 'userDagMapping' })).body).toBe(
      `${XML_HEAD}\n<records>\n<item><username><![CDATA[alice]]></username><redcap_data_access_group></redcap_data_access_group></item>\n<item><username><![CDATA[bob]]></username><redcap_data_access_group><![CDATA[site_a]]></redcap_data_access_group></item>\n</records>`,
    )
  })

  it('assigns users to DAGs and answers the count', async () => {
    const t = await startDefault()
    const data = `${XML_HEAD}<records><item><username>bob</username><redcap_data_access_group>site_b</redcap_data_access_group></item></records>`
    expect(
      await call(t, {
        token: ALICE_LONG,
        content: 'userDagMapping',
        action: 'import',
        format: 'xml',
        data,
      }),
    ).toEqual({ status: 200, type: XML_TYPE, body: '1' })
    expect(await json(t, { token: ALICE_LONG, content: 'userDagMapping' })).toEqual([
      { username: 'alice', redcap_data_access_group: '' },
      { username: 'bob', redcap_data_access_group: 'site_b' },
    ])
  })

  it.each<[string, Record<string, unknown>, Params, string]>([
    [
      'export without the DAG right',
      { rights: { dataAccessGroups: false } },
      {},
      "Insufficient user privileges: You must have 'API Export' privileges and 'Data Access Groups' privileges in the project.",
    ],
    [
      'import of an unknown DAG',
      {},
      { data: '[{"username":"v","redcap_data_access_group":"mars"}]' },
      `The following values in the parameter "redcap_data_access_group" are not valid: 'mars'`,
    ],
  ])('refuses userDagMapping %s', async (_name, u, params, message) => {
    const t = await startLongWith(u)
    expect(
      await call(t, { token: TOKEN_A, content: 'userDagMapping', format: 'json', ...params }),
    ).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: JSON.stringify({ error: message }).replace(/\//g, '\\/'),
    })
  })
})
