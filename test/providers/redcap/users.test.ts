/**
 * content=user, userRole and userRoleMapping: exports in json, csv and xml (whole bodies), imports
 * and deletes answering bare counts, the rights each needs, and the tokens of deleted users dying.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  call,
  CSV_TYPE,
  errorXml,
  ETL_CLASSIC,
  json,
  JSON_TYPE,
  startClassicWith,
  startDefault,
  startWith,
  TOKEN_A,
  XML_HEAD,
  XML_TYPE,
} from './support.js'

const RIGHT_NAMES = [
  'design',
  'alerts',
  'user_rights',
  'data_access_groups',
  'reports',
  'stats_and_charts',
  'manage_survey_participants',
  'calendar',
  'data_import_tool',
  'data_comparison_tool',
  'logging',
  'email_logging',
  'file_repository',
  'data_quality_create',
  'data_quality_execute',
  'api_export',
  'api_import',
  'api_modules',
  'mobile_app',
  'mobile_app_download_data',
  'record_create',
  'record_rename',
  'record_delete',
  'lock_records_all_forms',
  'lock_records',
  'lock_records_customization',
]
/** Seed defaults: everything on except alerts, email logging, modules, mobile app and locking. */
const OFF = new Set([
  'alerts',
  'email_logging',
  'api_modules',
  'mobile_app',
  'mobile_app_download_data',
  'lock_records_all_forms',
  'lock_records',
  'lock_records_customization',
])
function rights(off: readonly string[] = []): Record<string, number> {
  return Object.fromEntries(RIGHT_NAMES.map((n) => [n, OFF.has(n) || off.includes(n) ? 0 : 1]))
}
const CLASSIC_FORMS = { demographics: 1, health: 1 }

function userRow(
  username: string,
  email: string,
  first: string,
  last: string,
  off: readonly string[] = [],
) {
  return {
    username,
    email,
    firstname: first,
    lastname: last,
    expiration: '',
    data_access_group: '',
    data_access_group_id: '',
    ...rights(off),
    forms: CLASSIC_FORMS,
    forms_export: CLASSIC_FORMS,
  }
}

const ETL_OFF = ['design', 'api_import', 'record_delete']
const CLASSIC_USERS = [
  userRow('alice', 'alice@example.org', 'Alice', 'Analyst'),
  userRow('bob', 'bob@example.org', 'Bob', 'Builder'),
  userRow('etl_service', 'data-team@example.org', 'ETL', 'Service', ETL_OFF),
]

const phpJson = (value: unknown) => JSON.stringify(value).replace(/\//g, '\\/')

function csvOf(rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {})
  const cell = (v: unknown) => {
    const text =
      typeof v === 'object' && v !== null
        ? Object.entries(v)
            .map(([k, x]) => `${k}:${String(x)}`)
            .join(',')
        : String(v)
    return /[", ]/.test(text) ? `"${text}"` : text
  }
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))]
    .map((line) => `${line}\n`)
    .join('')
}

describe('user', () => {
  it('exports the project users with their rights in json', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_CLASSIC, content: 'user' })).toEqual(CLASSIC_USERS)
  })

  it('exports the users as csv with forms written form:level', async () => {
    const t = await startDefault()
    expect(await call(t, { token: ALICE_CLASSIC, content: 'user', format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: csvOf(CLASSIC_USERS),
    })
  })

  it('exports the users as xml items', async () => {
    const t = await startDefault()
    const item = (row: Record<string, unknown>) =>
      `<item>${Object.entries(row)
        .map(([k, v]) => {
          const text =
            typeof v === 'object' && v !== null
              ? Object.entries(v)
                  .map(([f, l]) => `${f}:${String(l)}`)
                  .join(',')
              : String(v)
          return text === '' ? `<${k}></${k}>` : `<${k}><![CDATA[${text}]]></${k}>`
        })
        .join('')}</item>\n`
    expect(await call(t, { token: ALICE_CLASSIC, content: 'user' })).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}\n<records>\n${CLASSIC_USERS.map(item).join('')}</records>`,
    })
  })

  it('shows a user in a DAG with the DAG and the role rights', async () => {
    const t = await startDefault()
    const rows = (await json(t, { token: ALICE_LONG, content: 'user' })) as Record<
      string,
      unknown
    >[]
    expect(rows[1]).toMatchObject({
      username: 'bob',
      data_access_group: 'site_a',
      data_access_group_id: 2,
      design: 0,
      api_import: 0,
      record_create: 0,
    })
  })

  it('imports a new user and answers the bare count', async () => {
    const t = await startDefault()
    const data = JSON.stringify([
      { username: 'carol', email: 'carol@example.org', api_export: 1, forms_export: { health: 3 } },
    ])
    expect(await call(t, { token: ALICE_CLASSIC, content: 'user', format: 'json', data })).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: '1',
    })
    const rows = (await json(t, { token: ALICE_CLASSIC, content: 'user' })) as {
      username: string
    }[]
    expect(rows.find((r) => r.username === 'carol')).toEqual({
      ...userRow('carol', 'carol@example.org', '', '', [
        'api_import',
        'design',
        'user_rights',
        'data_access_groups',
        'logging',
        'data_import_tool',
        'data_comparison_tool',
        'data_quality_create',
        'data_quality_execute',
        'record_rename',
        'record_delete',
      ]),
      forms_export: { demographics: 3, health: 3 },
    })
  })

  it('changes the rights a csv row gives and keeps the others', async () => {
    const t = await startDefault()
    const data = 'username,design,lock_records,expiration\netl_service,1,2,2030-12-31\n'
    expect(await call(t, { token: ALICE_CLASSIC, content: 'user', format: 'csv', data })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: '1',
    })
    const rows = (await json(t, { token: ALICE_CLASSIC, content: 'user' })) as {
      username: string
    }[]
    expect(rows.find((r) => r.username === 'etl_service')).toEqual({
      ...userRow('etl_service', 'data-team@example.org', 'ETL', 'Service', [
        'api_import',
        'record_delete',
      ]),
      expiration: '2030-12-31',
      lock_records: 2,
    })
  })

  it('assigns a DAG by unique name or by id', async () => {
    const t = await startDefault()
    const data = JSON.stringify([
      { username: 'alice', data_access_group: 'site_b' },
      { username: 'bob', data_access_group_id: '' },
    ])
    expect((await call(t, { token: ALICE_LONG, content: 'user', format: 'json', data })).body).toBe(
      '2',
    )
    expect(await json(t, { token: ALICE_LONG, content: 'userDagMapping' })).toEqual([
      { username: 'alice', redcap_data_access_group: 'site_b' },
      { username: 'bob', redcap_data_access_group: '' },
    ])
    const byId = JSON.stringify([{ username: 'bob', data_access_group_id: '2' }])
    await call(t, { token: ALICE_LONG, content: 'user', format: 'json', data: byId })
    const rows = (await json(t, { token: ALICE_LONG, content: 'userDagMapping' })) as unknown[]
    expect(rows[1]).toEqual({ username: 'bob', redcap_data_access_group: 'site_a' })
  })

  it.each([
    [
      'a flag that is not 0 or 1',
      '[{"username":"bob","design":"7"}]',
      "The value '7' is not valid for the attribute 'design'.",
    ],
    [
      'a row without a username',
      '[{"email":"x@example.org"}]',
      "The parameter 'username' is missing or empty.",
    ],
    [
      'an unknown DAG',
      '[{"username":"bob","data_access_group":"nowhere"}]',
      `The following values in the parameter "data_access_group" are not valid: 'nowhere'`,
    ],
  ])('refuses an import with %s and changes nothing', async (_name, data, message) => {
    const t = await startDefault()
    expect(await call(t, { token: ALICE_CLASSIC, content: 'user', format: 'json', data })).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: JSON.stringify({ error: message }),
    })
    expect(await json(t, { token: ALICE_CLASSIC, content: 'user' })).toEqual(CLASSIC_USERS)
  })

  it('deletes users, answers the count and kills their API tokens', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'user',
        action: 'delete',
        users: ['etl_service'],
        returnFormat: 'xml',
      }),
    ).toEqual({ status: 200, type: XML_TYPE, body: '1' })
    expect(await call(t, { token: ETL_CLASSIC, content: 'version' })).toEqual({
      status: 403,
      type: XML_TYPE,
      body: errorXml('You do not have permissions to use the API'),
    })
    const rows = (await json(t, { token: ALICE_CLASSIC, content: 'user' })) as unknown[]
    expect(rows).toEqual(CLASSIC_USERS.slice(0, 2))
  })

  it('refuses to delete a user who is not on the project', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_CLASSIC,
        content: 'user',
        action: 'delete',
        users: ['zed'],
        format: 'csv',
      }),
    ).toEqual({
      status: 400,
      type: CSV_TYPE,
      body: `ERROR: The following values in the parameter "users" are not valid: 'zed'`,
    })
  })

  it.each<[string, Record<string, unknown>, Record<string, string | string[]>, number, string]>([
    [
      'export without User Rights',
      { userRights: 0 },
      {},
      400,
      "Insufficient user privileges: You must have 'API Export' privileges and 'User Rights' privileges (Full Access or Read Only) in the project.",
    ],
    [
      'import with read-only User Rights',
      { userRights: 2 },
      { data: '[{"username":"x"}]' },
      400,
      "Insufficient user privileges: You must have 'API Import/Update' privileges and 'User Rights' privileges in the project in order to import/update users via the API Import Users method.",
    ],
    [
      'delete without Delete Records',
      { recordDelete: false },
      { action: 'delete', users: ['u'] },
      403,
      'You do not have Delete Record privileges',
    ],
    [
      'delete without API Import',
      { apiImport: false },
      { action: 'delete', users: ['u'] },
      403,
      'You do not have API Import/Update privileges',
    ],
  ])('refuses user %s', async (_name, granted, params, status, message) => {
    const t = await startClassicWith(granted)
    expect(await call(t, { token: TOKEN_A, content: 'user', format: 'json', ...params })).toEqual({
      status,
      type: JSON_TYPE,
      body: phpJson({ error: message }),
    })
  })
})

describe('userRole', () => {
  const MONITOR = {
    unique_role_name: 'U-3Y8KXD9CTA',
    role_label: 'Monitor',
    ...Object.fromEntries(
      [
        ...RIGHT_NAMES.slice(0, -3),
        'lock_records_customization',
        'lock_records',
        'lock_records_all_forms',
      ].map((n) => [
        n,
        OFF.has(n) ||
        ['design', 'user_rights', 'api_import', 'record_create', 'record_delete'].includes(n)
          ? '0'
          : '1',
      ]),
    ),
    forms: { enrollment: 1, vitals: 1, questionnaire: 1 },
    forms_export: { enrollment: 1, vitals: 1, questionnaire: 1 },
  }

  it('exports roles with string flags in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_LONG, content: 'userRole' })).toEqual([MONITOR])
    expect(await call(t, { token: ALICE_LONG, content: 'userRole', format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: csvOf([MONITOR]),
    })
    const xml = (await call(t, { token: ALICE_LONG, content: 'userRole' })).body
    expect(xml).toBe(
      `${XML_HEAD}\n<records>\n<item>${Object.entries(MONITOR)
        .map(([k, v]) => {
          const text =
            typeof v === 'string'
              ? v
              : Object.entries(v)
                  .map(([f, l]) => `${f}:${String(l)}`)
                  .join(',')
          return `<${k}><![CDATA[${text}]]></${k}>`
        })
        .join('')}</item>\n</records>`,
    )
  })

  it('creates a role from a blank unique name, relabels one and deletes one', async () => {
    const t = await startDefault()
    const data = JSON.stringify([
      { unique_role_name: '', role_label: 'Data manager', design: 1 },
      { unique_role_name: 'U-3Y8KXD9CTA', role_label: 'Site monitor' },
    ])
    expect(await call(t, { token: ALICE_LONG, content: 'userRole', format: 'json', data })).toEqual(
      { status: 200, type: JSON_TYPE, body: '2' },
    )
    const roles = (await json(t, { token: ALICE_LONG, content: 'userRole' })) as {
      unique_role_name: string
      role_label: string
      design: string
    }[]
    expect(roles.map((r) => [r.role_label, r.design])).toEqual([
      ['Data manager', '1'],
      ['Site monitor', '0'],
    ])
    expect(roles[0]?.unique_role_name).toMatch(/^U-[A-Z0-9]{10}$/)
    const created = roles[0]?.unique_role_name ?? ''
    expect(
      await call(t, {
        token: ALICE_LONG,
        content: 'userRole',
        action: 'delete',
        roles: [created],
        format: 'csv',
      }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: '1' })
    expect(await json(t, { token: ALICE_LONG, content: 'userRole' })).toHaveLength(1)
  })

  it('refuses an unknown unique role name', async () => {
    const t = await startDefault()
    expect(
      await call(t, {
        token: ALICE_LONG,
        content: 'userRole',
        format: 'json',
        data: '[{"unique_role_name":"U-NOPE","role_label":"x"}]',
      }),
    ).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: JSON.stringify({
        error: `The following values in the parameter "unique_role_name" are not valid: 'U-NOPE'`,
      }),
    })
  })
})

describe('userRoleMapping', () => {
  it('exports each user, their role and, as the project has DAGs, their DAG in json, csv and xml', async () => {
    const t = await startDefault()
    expect(await json(t, { token: ALICE_LONG, content: 'userRoleMapping' })).toEqual([
      { username: 'alice', unique_role_name: '', data_access_group: '' },
      { username: 'bob', unique_role_name: 'U-3Y8KXD9CTA', data_access_group: 'site_a' },
    ])
    expect(
      (await call(t, { token: ALICE_LONG, content: 'userRoleMapping', format: 'csv' })).body,
    ).toBe('username,unique_role_name,data_access_group\nalice,,\nbob,U-3Y8KXD9CTA,site_a\n')
    expect((await call(t, { token: ALICE_LONG, content: 'userRoleMapping' })).body).toBe(
      `${XML_HEAD}\n<records>\n<item><username><![CDATA[alice]]></username><unique_role_name></unique_role_name><data_access_group></data_access_group></item>\n<item><username><![CDATA[bob]]></username><unique_role_name><![CDATA[U-3Y8KXD9CTA]]></unique_role_name><data_access_group><![CDATA[site_a]]></data_access_group></item>\n</records>`,
    )
  })

  it('leaves the DAG column out on 15.7.6 once the project has no DAGs', async () => {
    const t = await startDefault()
    const dags = {
      token: ALICE_CLASSIC,
      content: 'dag',
      action: 'delete',
      'dags[0]': 'clinic_north',
    }
    expect((await call(t, dags)).body).toBe('1')
    expect(
      (await call(t, { token: ALICE_CLASSIC, content: 'userRoleMapping', format: 'csv' })).body,
    ).toBe('username,unique_role_name\nalice,\nbob,\netl_service,\n')
  })

  it('assigns and unassigns roles and answers the count', async () => {
    const t = await startDefault()
    const data = 'username,unique_role_name\nbob,\nalice,\n'
    expect(
      await call(t, { token: ALICE_LONG, content: 'userRoleMapping', format: 'csv', data }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: '2' })
    expect(await json(t, { token: ALICE_LONG, content: 'userRoleMapping' })).toEqual([
      { username: 'alice', unique_role_name: '', data_access_group: '' },
      { username: 'bob', unique_role_name: '', data_access_group: 'site_a' },
    ])
    // Alice takes the Monitor role, which has no User Rights: her next export is refused.
    const assign = 'username,unique_role_name\nalice,U-3Y8KXD9CTA\n'
    expect(
      (
        await call(t, {
          token: ALICE_LONG,
          content: 'userRoleMapping',
          format: 'csv',
          data: assign,
        })
      ).body,
    ).toBe('1')
    expect((await call(t, { token: ALICE_LONG, content: 'userRoleMapping' })).status).toBe(400)
  })

  it('adds each user DAG from REDCap 15.8.2 on', async () => {
    const t = await startWith({
      version: '15.8.2',
      projects: [
        {
          id: 14,
          fixture: 'longitudinal',
          users: [
            { username: 'u', token: TOKEN_A },
            { username: 'v', dag: 'site_b' },
          ],
        },
      ],
    })
    expect(await json(t, { token: TOKEN_A, content: 'userRoleMapping' })).toEqual([
      { username: 'u', unique_role_name: '', data_access_group: '' },
      { username: 'v', unique_role_name: '', data_access_group: 'site_b' },
    ])
  })
})
