/**
 * The user, DAG, file, File Repository, report, log, survey and PDF contents through a real socket
 * (serveApp on 127.0.0.1:0): a multipart upload and download round trip with binary bytes, and
 * one call of each other content with its whole body.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  answer,
  CSV_TYPE,
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

const post = async (params: Params) => answer(await postTo(server.url(), formBody(params)))

/** Every byte value, to prove uploads and downloads are binary-safe. */
const BINARY = Uint8Array.from({ length: 256 }, (_, i) => i)

async function postFile(params: Record<string, string>, name: string, type: string) {
  const body = multipartBody(params, { name, type, bytes: BINARY })
  const { status, body: text } = await answer(await postTo(server.url(), body))
  return { status, body: text }
}

async function download(params: Params) {
  const response = await postTo(server.url(), formBody(params))
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  }
}

describe('REDCap contents over real HTTP', () => {
  it('uploads a binary file into a file field by multipart and downloads the same bytes', async () => {
    const params = { token: ALICE_CLASSIC, content: 'file', record: '4', field: 'consent_form' }
    expect(await postFile({ ...params, action: 'import' }, 'scan.jpg', 'image/jpeg')).toEqual({
      status: 200,
      body: '',
    })
    expect(await download({ ...params, action: 'export' })).toEqual({
      status: 200,
      type: 'image/jpeg; name="scan.jpg"',
      bytes: BINARY,
    })
  })

  it('uploads into the File Repository and downloads the same bytes', async () => {
    const list = { token: ALICE_CLASSIC, content: 'fileRepository' }
    const folder = await post({ ...list, action: 'createFolder', name: 'Uploads', format: 'json' })
    const { folder_id: id } = (JSON.parse(folder.body) as { folder_id: number }[])[0] ?? {}
    await postFile({ ...list, action: 'import', folder_id: String(id) }, 'raw.bin', '')
    const listed = await post({ ...list, action: 'list', folder_id: String(id), format: 'json' })
    const [{ doc_id: doc } = { doc_id: 0 }] = JSON.parse(listed.body) as { doc_id: number }[]
    expect(listed.body).toBe(`[{"doc_id":${String(doc)},"name":"raw.bin"}]`)
    expect(await download({ ...list, action: 'export', doc_id: String(doc) })).toEqual({
      status: 200,
      type: 'application/octet-stream; name="raw.bin"',
      bytes: BINARY,
    })
  })

  it('links surveys under the host and port the client reached', async () => {
    const link = await post({
      token: ALICE_CLASSIC,
      content: 'surveyLink',
      record: '2',
      instrument: 'demographics',
      returnFormat: 'json',
    })
    expect(link.status).toBe(200)
    expect(link.type).toBe(JSON_TYPE)
    expect(link.body.startsWith(`${server.url()}/redcap/surveys/?s=`)).toBe(true)
    expect(link.body).toMatch(/\?s=[A-Z0-9]{16}$/)
  })

  it('downloads an instrument PDF', async () => {
    const file = await download({ token: ALICE_LONG, content: 'pdf', instrument: 'enrollment' })
    const text = String.fromCharCode(...file.bytes)
    expect(file.type).toBe('application/pdf; name="enrollment.pdf"')
    expect(text.startsWith('%PDF-1.3\n3 0 obj\n')).toBe(true)
    expect(text).toContain('(Enrollment date) Tj')
    expect(text.endsWith('%%EOF\n')).toBe(true)
  })

  it.each<[string, Params, string, string]>([
    [
      'dag',
      { token: ALICE_LONG, content: 'dag', format: 'csv' },
      CSV_TYPE,
      'data_access_group_name,unique_group_name,data_access_group_id\n"Site A",site_a,2\n"Site B",site_b,3\n',
    ],
    [
      'userDagMapping',
      { token: ALICE_LONG, content: 'userDagMapping', format: 'json' },
      JSON_TYPE,
      '[{"username":"alice","redcap_data_access_group":""},{"username":"bob","redcap_data_access_group":"site_a"}]',
    ],
    [
      'userRoleMapping',
      { token: ALICE_LONG, content: 'userRoleMapping' },
      XML_TYPE,
      `${XML_HEAD}\n<records>\n<item><username><![CDATA[alice]]></username><unique_role_name></unique_role_name><data_access_group></data_access_group></item>\n<item><username><![CDATA[bob]]></username><unique_role_name><![CDATA[U-3Y8KXD9CTA]]></unique_role_name><data_access_group><![CDATA[site_a]]></data_access_group></item>\n</records>`,
    ],
    [
      'report',
      { token: ALICE_CLASSIC, content: 'report', report_id: '102', format: 'csv' },
      CSV_TYPE,
      'record_id,height_cm,weight_kg,bmi\n1,165,61.5,22.6\n2,180,82.0,25.3\n3,,,\n4,172,70.2,23.7\n',
    ],
    [
      'log',
      { token: ALICE_LONG, content: 'log', format: 'json', record: '1002' },
      JSON_TYPE,
      '[{"timestamp":"2026-01-13 09:30","username":"alice","action":"Create record (API) 1002","details":"study_id = \'1002\', initials = \'CD\'","record":"1002"}]',
    ],
    [
      'userRole import',
      {
        token: ALICE_LONG,
        content: 'userRole',
        format: 'csv',
        data: 'unique_role_name,role_label\nU-3Y8KXD9CTA,Monitor\n',
      },
      CSV_TYPE,
      '1',
    ],
  ])('answers %s with its whole body', async (_name, params, type, body) => {
    expect(await post(params)).toEqual({ status: 200, type, body })
  })
})
