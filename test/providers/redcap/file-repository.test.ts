/**
 * content=fileRepository: list, export, multipart import, delete and createFolder in each format,
 * DAG- and role-restricted folders, and the File Repository, API Export and API Import refusals.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  answer,
  api,
  call,
  CSV_TYPE,
  downloaded,
  errorXml,
  json,
  JSON_TYPE,
  startClassicWith,
  startDefault,
  startWith,
  TOKEN_A,
  upload,
  XML_HEAD,
  XML_TYPE,
  type Params,
} from './support.js'

const LIST = { token: ALICE_CLASSIC, content: 'fileRepository', action: 'list' }

describe('fileRepository', () => {
  it('lists the top folder in json, csv and xml: folders, then documents', async () => {
    const t = await startDefault()
    expect(await json(t, LIST)).toEqual([
      { folder_id: 1, name: 'Protocols' },
      { doc_id: 2, name: 'readme.txt' },
    ])
    expect(await call(t, { ...LIST, format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'folder_id,doc_id,name\n1,,Protocols\n,2,readme.txt\n',
    })
    expect(await call(t, LIST)).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}\n<records>\n<item><folder_id><![CDATA[1]]></folder_id><name><![CDATA[Protocols]]></name></item>\n<item><doc_id><![CDATA[2]]></doc_id><name><![CDATA[readme.txt]]></name></item>\n</records>`,
    })
  })

  it('lists a sub-folder by folder_id', async () => {
    const t = await startDefault()
    expect(await json(t, { ...LIST, folder_id: '1' })).toEqual([
      { folder_id: 2, name: 'Amendments' },
      { doc_id: 3, name: 'study-protocol.txt' },
    ])
    expect(await json(t, { ...LIST, folder_id: '2' })).toEqual([])
  })

  it('refuses a folder that does not exist', async () => {
    const t = await startDefault()
    expect(await call(t, { ...LIST, folder_id: '99', format: 'csv' })).toEqual({
      status: 400,
      type: CSV_TYPE,
      body: 'ERROR: The File Repository folder folder_id=99 does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.',
    })
  })

  it('exports a document with its name in the Content-Type', async () => {
    const t = await startDefault()
    const response = await api(t, { ...LIST, action: 'export', doc_id: '3' })
    expect(await downloaded(response)).toEqual({
      status: 200,
      type: 'text/plain; name="study-protocol.txt";charset=UTF-8',
      csp: "script-src 'none'",
      body: 'Study protocol v1.0 (2026-01-05)\n1. Enrol adults.\n2. Record health measures.\n',
    })
  })

  it('imports a document into a folder, lists it, exports it and deletes it', async () => {
    const t = await startDefault()
    const put = await upload(
      t,
      { ...LIST, action: 'import', folder_id: '2' },
      { name: 'amendment-1.csv', type: 'text/csv', text: 'a,b\n1,2\n' },
    )
    expect(await answer(put)).toEqual({ status: 200, type: XML_TYPE, body: '' })
    expect(await json(t, { ...LIST, folder_id: '2' })).toEqual([
      { doc_id: 7, name: 'amendment-1.csv' },
    ])
    const got = await api(t, { ...LIST, action: 'export', doc_id: '7' })
    expect([got.headers.get('content-type'), await got.text()]).toEqual([
      'text/csv; name="amendment-1.csv";charset=UTF-8',
      'a,b\n1,2\n',
    ])
    expect(await call(t, { ...LIST, action: 'delete', doc_id: '7', returnFormat: 'json' })).toEqual(
      { status: 200, type: JSON_TYPE, body: '' },
    )
    expect(await json(t, { ...LIST, folder_id: '2' })).toEqual([])
    expect(await call(t, { ...LIST, action: 'export', doc_id: '7' })).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml(
        'The File Repository file doc_id=7 does not exist or else you do not have permission to that file because it is DAG-restricted or Role-restricted.',
      ),
    })
  })

  it('creates folders and answers the new folder_id in json, csv and xml', async () => {
    const t = await startDefault()
    const create = { ...LIST, action: 'createFolder', name: 'Consent forms' }
    // Folder ids are global: the default scenario's two projects hold folders 1 to 4.
    expect(await json(t, create)).toEqual([{ folder_id: 5 }])
    expect(await call(t, { ...create, format: 'csv', folder_id: '5' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: 'folder_id\n6\n',
    })
    expect((await call(t, { ...create, folder_id: '5' })).body).toBe(
      `${XML_HEAD}\n<records>\n<item><folder_id><![CDATA[7]]></folder_id></item>\n</records>`,
    )
    expect(await json(t, { ...LIST, folder_id: '5' })).toEqual([
      { folder_id: 6, name: 'Consent forms' },
      { folder_id: 7, name: 'Consent forms' },
    ])
  })

  it('hides a DAG-restricted folder from users of other DAGs', async () => {
    const t = await startWith({
      projects: [
        {
          id: 14,
          fixture: 'longitudinal',
          users: [{ username: 'u', token: TOKEN_A, dag: 'site_b' }],
        },
      ],
    })
    const list = { token: TOKEN_A, content: 'fileRepository', action: 'list' }
    expect(await json(t, list)).toEqual([{ folder_id: 2, name: 'Monitoring' }])
    expect((await call(t, { ...list, folder_id: '1', format: 'csv' })).body).toBe(
      'ERROR: The File Repository folder folder_id=1 does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.',
    )
    expect(await json(await startDefault(), { ...list, token: ALICE_LONG })).toEqual([
      { folder_id: 3, name: 'Site A documents' },
      { folder_id: 4, name: 'Monitoring' },
    ])
  })

  it('refuses an import without a file part', async () => {
    const t = await startDefault()
    expect(await answer(await upload(t, { ...LIST, action: 'import' }))).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml('No valid file was uploaded'),
    })
  })

  it.each<[string, Record<string, unknown>, Params, string]>([
    [
      'a list without the File Repository right',
      { fileRepository: false },
      { action: 'list' },
      'The API request cannot complete because currently you do not have "File Repository" rights, which are required for this operation.',
    ],
    [
      'an export without API Export',
      { apiExport: false },
      { action: 'export', doc_id: '2' },
      'You do not have API Export privileges',
    ],
    [
      'a createFolder without API Import',
      { apiImport: false },
      { action: 'createFolder', name: 'x' },
      'You do not have API Import/Update privileges',
    ],
    [
      'a delete without API Import',
      { apiImport: false },
      { action: 'delete', doc_id: '2' },
      'You do not have API Import/Update privileges',
    ],
  ])('answers 403 to %s', async (_name, rights, params, message) => {
    const t = await startClassicWith(rights)
    expect(
      await call(t, { token: TOKEN_A, content: 'fileRepository', returnFormat: 'csv', ...params }),
    ).toEqual({ status: 403, type: CSV_TYPE, body: `ERROR: ${message}` })
  })

  it('lists without API Export or API Import, and deletes without Delete Records', async () => {
    const t = await startClassicWith({ apiExport: false, apiImport: true, recordDelete: false })
    expect(
      await json(t, { token: TOKEN_A, content: 'fileRepository', action: 'list' }),
    ).toHaveLength(2)
    expect(
      (await call(t, { token: TOKEN_A, content: 'fileRepository', action: 'delete', doc_id: '2' }))
        .status,
    ).toBe(200)
  })
})
