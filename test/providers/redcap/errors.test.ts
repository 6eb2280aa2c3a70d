/**
 * REDCap's error catalogue (docs/protocols/redcap.md §3.2) as these contents produce it, each in the error
 * format the caller's returnFormat picks, and the check order of §1.5 where two errors compete.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  ALICE_SUPER,
  call,
  CSV_TYPE,
  errorXml,
  ETL_CLASSIC,
  JSON_TYPE,
  startClassicWith,
  startDefault,
  TOKEN_A,
  TOKEN_B,
  XML_TYPE,
  type Params,
} from './support.js'

const json = (status: number, message: string) => ({
  status,
  type: JSON_TYPE,
  body: JSON.stringify({ error: message }).replace(/\//g, '\\/'),
})
const csv = (status: number, message: string) => ({
  status,
  type: CSV_TYPE,
  body: `ERROR: ${message}`,
})
const xml = (status: number, message: string) => ({
  status,
  type: XML_TYPE,
  body: errorXml(message),
})

const NO_PERMISSION = 'You do not have permissions to use the API'
const API_120 =
  "You do not have permissions to use the API 'Create Project' method. You must have been granted a 64-character Super API Token from a REDCap administrator in order to utilize this method."

describe('REDCap errors with the default scenario', () => {
  it.each<[string, Params, ReturnType<typeof json>]>([
    ['no token', { content: 'version' }, xml(403, NO_PERMISSION)],
    [
      'an unknown token',
      { token: 'BAD00000000000000000000000000000', content: 'record', format: 'json' },
      json(403, NO_PERMISSION),
    ],
    [
      'a token with a dash',
      { token: 'ABCDEF01-3456789ABCDEF0123456789', content: 'record', format: 'csv' },
      csv(403, NO_PERMISSION),
    ],
    [
      'a super token on a project method',
      { token: ALICE_SUPER, content: 'record', returnFormat: 'json' },
      json(403, NO_PERMISSION),
    ],
    [
      'a project token creating a project',
      { token: ALICE_CLASSIC, content: 'project', format: 'json', data: '[{}]' },
      json(403, API_120),
    ],
    [
      'an unsupported content',
      { token: ALICE_CLASSIC, content: 'recordz', format: 'json' },
      json(400, 'The value of the parameter "content" is not valid'),
    ],
    [
      'a bad arm action',
      { token: ALICE_LONG, content: 'arm', action: 'rename', format: 'csv' },
      csv(400, 'The value of the parameter "action" is not valid'),
    ],
    [
      'an unknown field',
      {
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        'fields[0]': 'nope',
        'fields[1]': 'bad',
      },
      json(400, `The following values in the parameter "fields" are not valid: 'nope', 'bad'`),
    ],
    [
      'an unknown form',
      { token: ALICE_CLASSIC, content: 'record', format: 'json', forms: 'demographics,labs' },
      json(400, `The following values in the parameter "forms" are not valid: 'labs'`),
    ],
    [
      'an unknown event',
      {
        token: ALICE_LONG,
        content: 'record',
        format: 'json',
        events: 'baseline_arm_1,visit_9_arm_1',
      },
      json(400, `The following values in the parameter "events" are not valid: 'visit_9_arm_1'`),
    ],
    [
      'only descriptive fields',
      { token: ALICE_CLASSIC, content: 'record', format: 'json', fields: 'intro' },
      json(
        400,
        'The variables provided in the parameter "fields" are not valid fields that contain data. This might happen if you only provided variables for Descriptive fields.',
      ),
    ],
    [
      'arms of a classic project',
      { token: ALICE_CLASSIC, content: 'arm', format: 'csv' },
      csv(400, 'You cannot export arms for classic projects'),
    ],
    [
      'events of a classic project',
      { token: ALICE_CLASSIC, content: 'event', format: 'csv' },
      csv(400, 'You cannot export events for classic projects'),
    ],
    [
      'the mapping of a classic project',
      { token: ALICE_CLASSIC, content: 'formEventMapping', format: 'csv' },
      csv(400, 'You cannot export form/event mappings for classic projects'),
    ],
    [
      'repeating setup of a project with none',
      { token: ALICE_CLASSIC, content: 'repeatingFormsEvents', format: 'json' },
      json(
        400,
        'You cannot export repeating instruments and events because the project does not contain any repeating instruments and events',
      ),
    ],
    [
      'data that is not JSON',
      { token: ALICE_CLASSIC, content: 'record', format: 'json', data: '[{"record_id":' },
      json(
        400,
        'The data being imported is not formatted correctly. PHP error from JSON decoder: Syntax error. The JSON must be in an array, as in [{ ... }].',
      ),
    ],
    [
      'JSON null data',
      { token: ALICE_CLASSIC, content: 'record', format: 'json', data: 'null' },
      json(
        400,
        'The data being imported is not formatted correctly. PHP error from JSON decoder: No error. The JSON must be in an array, as in [{ ... }].',
      ),
    ],
    [
      'bad JSON data from a read-only token (before rights)',
      { token: ETL_CLASSIC, content: 'record', format: 'json', data: '{' },
      json(
        400,
        'The data being imported is not formatted correctly. PHP error from JSON decoder: Syntax error. The JSON must be in an array, as in [{ ... }].',
      ),
    ],
    [
      'an import without API Import',
      { token: ETL_CLASSIC, content: 'record', format: 'json', data: '[]' },
      json(403, 'You do not have API Import/Update privileges'),
    ],
    [
      'a delete without Delete Records',
      { token: ETL_CLASSIC, content: 'record', action: 'delete', 'records[0]': '1' },
      xml(403, 'You do not have Delete Record privileges'),
    ],
    [
      'a metadata import without Design',
      { token: ETL_CLASSIC, content: 'metadata', format: 'json', data: '[]', returnFormat: 'csv' },
      csv(403, 'You do not have API Import/Update privileges'),
    ],
    [
      'a delete of absent records',
      {
        token: ALICE_CLASSIC,
        content: 'record',
        action: 'delete',
        'records[0]': '1',
        'records[1]': '7',
        'records[2]': '8',
      },
      xml(
        400,
        'One or more of the records provided cannot be deleted because they do not exist in the project. The following records do not exist: 7, 8',
      ),
    ],
    [
      'a delete with a plain records string',
      {
        token: ALICE_CLASSIC,
        content: 'record',
        action: 'delete',
        records: '1',
        returnFormat: 'json',
      },
      json(
        400,
        "Incorrect format for 'records' parameter. It must be passed as an array, even if it only contains a single record name.",
      ),
    ],
    [
      'an import with an unknown column',
      {
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        data: '[{"record_id":"9","non_existent_key":"1","other":""}]',
      },
      json(
        400,
        'The following fields were not found in the project as real data fields: non_existent_key, other',
      ),
    ],
    [
      'an import with a value of the wrong format',
      {
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        data: '[{"record_id":"1","weight_kg":"22"}]',
      },
      json(
        400,
        '"1","weight_kg","22","The value you provided could not be validated because it does not follow the expected format. Please try again."',
      ),
    ],
    [
      'arm deletion without an array',
      { token: ALICE_LONG, content: 'arm', action: 'delete', arms: '2', format: 'json' },
      json(
        400,
        "The 'arms' parameter is either missing or is not an array. It must be provided as an array even if it only contains one value.",
      ),
    ],
    [
      'an unknown field for exportFieldNames',
      { token: ALICE_CLASSIC, content: 'exportFieldNames', field: 'nope', format: 'json' },
      json(400, 'Invalid field'),
    ],
    [
      'a second project in one create',
      {
        token: ALICE_SUPER,
        content: 'project',
        format: 'json',
        data: '[{"project_title":"A","purpose":"0"},{"project_title":"B","purpose":"0"}]',
      },
      json(
        400,
        "Only one project can be created at a time using the API 'Create Project' method. It appears that you have provided attributes for more than one project in the API request.",
      ),
    ],
    [
      'a create without purpose',
      { token: ALICE_SUPER, content: 'project', format: 'json', data: '[{"project_title":"A"}]' },
      json(
        400,
        "One or more components are missing in your input data. The following attributes are required: project_title, purpose. Also, 'purpose' must have a value of 0, 1, 2, 3, or 4.",
      ),
    ],
    [
      'purpose Other without its text',
      {
        token: ALICE_SUPER,
        content: 'project',
        format: 'csv',
        data: 'project_title,purpose\nA,1\n',
      },
      csv(
        400,
        "You must provide some text for 'purpose_other' since you specified 'purpose' as '1' (Other).",
      ),
    ],
    [
      'a create with ODM that is not project XML',
      {
        token: ALICE_SUPER,
        content: 'project',
        format: 'json',
        data: '[{"project_title":"A","purpose":"0"}]',
        odm: '<records/>',
      },
      json(
        400,
        'The XML file could not be processed because it appears not to be valid XML or is missing certain basic components.',
      ),
    ],
  ])("answers %s with REDCap's message", async (_name, params, expected) => {
    const t = await startDefault()
    expect(await call(t, params)).toEqual(expected)
  })

  it('answers other methods with 501 in XML, since no format was posted', async () => {
    const t = await startDefault()
    const response = await t.request('/redcap/api/?format=json', { method: 'GET' })
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 501,
      body: errorXml('The requested method is not implemented.'),
    })
  })

  it.each<[string, Params, ReturnType<typeof json>]>([
    ['no format', { content: 'version' }, xml(403, NO_PERMISSION)],
    ['format=csv', { content: 'version', format: 'csv' }, csv(403, NO_PERMISSION)],
    [
      'returnFormat=json over format=xml',
      { content: 'version', format: 'xml', returnFormat: 'json' },
      json(403, NO_PERMISSION),
    ],
  ])(
    'answers an outcome forced before the body is read in the posted format: %s',
    async (_name, params, expected) => {
      const t = await startDefault()
      const response = await t.request('/redcap/api/', {
        method: 'POST',
        headers: { 'Standin-Force': 'revoked' },
        body: new URLSearchParams({ token: ALICE_CLASSIC, ...params }),
      })
      expect({
        status: response.status,
        type: response.headers.get('content-type'),
        body: await response.text(),
      }).toEqual(expected)
    },
  )

  it('answers an XML data field that does not parse before looking at rights', async () => {
    const t = await startDefault()
    const a = await call(t, {
      token: ETL_CLASSIC,
      content: 'metadata',
      format: 'xml',
      data: '<records><item>',
    })
    expect(a.status).toBe(400)
    expect(a.body).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8" \?><hash><error>The data being imported is not formatted correctly\. Error: .+<\/error><\/hash>$/,
    )
  })
})

describe('REDCap errors that depend on rights and project state', () => {
  it.each<[string, Record<string, unknown>, Params, ReturnType<typeof json>]>([
    [
      'an export without API Export',
      { apiExport: false },
      { content: 'metadata', format: 'json' },
      json(403, 'You do not have API Export privileges'),
    ],
    [
      'a record export with No Access export rights',
      { dataExport: 'none' },
      { content: 'record', format: 'csv' },
      csv(
        403,
        'The API request cannot complete because currently you have "No Access" data export rights. Higher level data export rights are required for this operation.',
      ),
    ],
    [
      'a metadata import without Design (api_124)',
      { design: false },
      { content: 'metadata', format: 'json', data: '[]' },
      json(
        400,
        "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Project Design and Setup' privileges in the project in order to utilize this API method.",
      ),
    ],
    [
      'a repeating export without Design',
      { design: false },
      { content: 'repeatingFormsEvents', format: 'json', token: TOKEN_B },
      json(
        400,
        "Insufficient user privileges: You must have 'API Export' privileges and 'Project Setup/Design' privileges in the project.",
      ),
    ],
    [
      'a repeating import without Design (api_228)',
      { design: false },
      { content: 'repeatingFormsEvents', format: 'json', data: '[]' },
      json(
        400,
        "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Project Setup/Design' privileges in the project.",
      ),
    ],
    [
      'expired rights',
      { expiration: '2026-01-31' },
      { content: 'version' },
      xml(
        403,
        'You do not have API rights because your privileges have expired for this project as of 2026-01-31.',
      ),
    ],
    [
      'only identifiers under limited export rights',
      { dataExport: 'remove_identifiers' },
      { content: 'record', format: 'json', fields: 'first_name,last_name' },
      json(
        400,
        'The API request cannot complete because all the fields you have specified in your request are fields that will be removed due to your limited Data Export privileges, so there is nothing to return. Higher level data export rights are required to retrieve data for the fields specified.',
      ),
    ],
  ])('answers %s', async (_name, rights, params, expected) => {
    const t = await startClassicWith(rights)
    t.clock.set(new Date('2026-02-01T12:00:00Z'))
    expect(await call(t, { token: TOKEN_A, ...params })).toEqual(expected)
  })

  it.each<[string, Record<string, unknown>, Params, ReturnType<typeof json>]>([
    [
      'a deleted project',
      { deleted: true },
      { content: 'record', format: 'json' },
      json(400, 'The REDCap project no longer exists because it was deleted.'),
    ],
    [
      'a completed project',
      { completed: true },
      { content: 'record', format: 'json' },
      json(400, 'The REDCap project is no longer accessible because it was marked as Completed.'),
    ],
    [
      'an offline project',
      { online: false },
      { content: 'version', format: 'json' },
      json(400, 'This project is currently OFFLINE and is not accessible to normal users.'),
    ],
    [
      'a record import in Analysis/Cleanup',
      { status: 'analysis' },
      { content: 'record', format: 'json', data: '[{"record_id":"1"}]' },
      json(403, 'Data may not be imported because the project is in Analysis/Cleanup status.'),
    ],
    [
      'a metadata import in Production',
      { status: 'production' },
      { content: 'metadata', format: 'json', data: '[]' },
      json(400, 'This method cannot be used while the project is in Production status.'),
    ],
  ])('answers %s', async (_name, project, params, expected) => {
    const t = await startClassicWith({}, project)
    expect(await call(t, { token: TOKEN_A, ...params })).toEqual(expected)
  })

  it('answers version and project export on a deleted project, as REDCap skips that check there', async () => {
    const t = await startClassicWith({}, { deleted: true })
    expect((await call(t, { token: TOKEN_A, content: 'version' })).status).toBe(200)
    expect((await call(t, { token: TOKEN_A, content: 'project', format: 'json' })).status).toBe(200)
  })

  it.each<[string, Record<string, unknown>, ReturnType<typeof json>]>([
    [
      'the system is offline',
      { systemOffline: true },
      json(
        400,
        'REDCap is currently offline. Please return at another time. We apologize for any inconvenience.',
      ),
    ],
    ['the API is disabled', { apiEnabled: false }, json(400, 'The REDCap API is not enabled.')],
  ])(
    'answers every call with 400 when %s, before the token is checked',
    async (_name, system, expected) => {
      const t = await startClassicWith({}, {}, system)
      expect(await call(t, { content: 'version', format: 'json' })).toEqual(expected)
    },
  )

  it('needs API Import as well as Delete Records to delete records', async () => {
    const t = await startClassicWith({ apiImport: false })
    expect(
      await call(t, {
        token: TOKEN_A,
        content: 'record',
        action: 'delete',
        'records[0]': '1',
        format: 'json',
      }),
    ).toEqual(
      json(
        400,
        "Insufficient user privileges: You must have 'API Import/Update' privileges and 'Delete Records' privileges in the project in order to utilize this API method.",
      ),
    )
  })
})
