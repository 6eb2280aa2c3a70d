/**
 * `content=fileRepository` (protocol notes §2.4): `list` a folder (sub-folders as
 * `{"folder_id","name"}`, documents as `{"doc_id","name"}`), `export` a document (its bytes, as a
 * file-field download), `import` one (multipart part `file`, empty reply), `delete` one (empty
 * reply) and `createFolder` (`[{"folder_id":N}]`). Every action needs the File Repository right;
 * the pipeline adds API Export or API Import as §1.5 says.
 */
import { DOWNLOAD_HEADERS, downloadContentType, storeDoc } from '../state/stored-files.js'
import { logDesign } from '../state/logging.js'
import { badRequest, MSG, rejectUnknown } from '../wire/messages.js'
import { fileFor, folderContents, folderFor, viewerOf } from '../state/repository.js'
import { REQUIRE } from '../state/rights.js'
import { CONTENT_TYPES, type Format } from '../wire/format.js'
import { tableReply, textReply, type Reply, type Row } from '../wire/reply.js'
import { XML_DECLARATION, xmlElement } from '../wire/xml.js'
import { GENERIC_ACTIONS, tableFormat, type ContentDef, type ProjectCall } from './types.js'

const viewer = (call: ProjectCall) =>
  viewerOf(call.project, call.access.username, call.access.dagId)

/** Rows whose keys differ (folders and documents): XML items carry only their own keys. */
function listReply(format: Format, rows: readonly Row[]): Reply {
  if (format !== 'xml')
    return tableReply(format, rows, { columns: ['folder_id', 'doc_id', 'name'] })
  const items = rows.map(
    (row) =>
      `<item>${Object.entries(row)
        .map(([k, v]) => xmlElement(k, String(v)))
        .join('')}</item>\n`,
  )
  return textReply('xml', `${XML_DECLARATION}\n<records>\n${items.join('')}</records>`)
}

function list(call: ProjectCall): Reply {
  const { project, params } = call
  const folder = folderFor(project, viewer(call), params.text('folder_id'))
  const { folders, files } = folderContents(project, viewer(call), folder?.id ?? null)
  const rows: Row[] = [
    ...folders.map((f) => ({ folder_id: f.id, name: f.name })),
    ...files.map((f) => ({ doc_id: f.docId, name: project.docs.get(f.docId)?.name ?? '' })),
  ]
  return listReply(tableFormat(call), rows)
}

function exportDoc(call: ProjectCall): Reply {
  const file = fileFor(call.project, viewer(call), call.params.text('doc_id'))
  const doc = call.project.docs.get(file.docId)
  if (!doc) throw badRequest(MSG.noDoc(call.params.text('doc_id')))
  return {
    body: new Uint8Array(doc.bytes),
    contentType: downloadContentType(doc),
    headers: DOWNLOAD_HEADERS,
  }
}

function empty(call: ProjectCall): Reply {
  return { body: '', contentType: CONTENT_TYPES[call.returnFormat] }
}

function importDoc(call: ProjectCall): Reply {
  const { project, params, state } = call
  const upload = params.files.get('file')
  if (!upload || upload.name === '') throw badRequest(MSG.noValidFile)
  const folder = folderFor(project, viewer(call), params.text('folder_id'))
  const doc = storeDoc(state, project, {
    name: upload.name,
    mimeType: upload.type,
    bytes: upload.bytes,
  })
  project.repository.files.push({ docId: doc.id, folderId: folder?.id ?? null })
  logDesign(call, `Upload file to File Repository (API): ${doc.name}`)
  return empty(call)
}

function deleteDoc(call: ProjectCall): Reply {
  const { project } = call
  const file = fileFor(project, viewer(call), call.params.text('doc_id'))
  const name = project.docs.get(file.docId)?.name ?? ''
  project.repository.files = project.repository.files.filter((f) => f !== file)
  project.docs.delete(file.docId)
  logDesign(call, `Delete file from File Repository (API): ${name}`)
  return empty(call)
}

function createFolder(call: ProjectCall): Reply {
  const { project, params, state } = call
  const name = params.text('name')
  if (name === '') throw badRequest(MSG.missingName('name'))
  const parent = folderFor(project, viewer(call), params.text('folder_id'))
  const dagId = params.text('dag_id')
  const roleId = params.text('role_id')
  if (dagId !== '')
    rejectUnknown('dag_id', [dagId], (d) => project.dags.some((x) => String(x.id) === d))
  if (roleId !== '')
    rejectUnknown('role_id', [roleId], (r) => project.roles.some((x) => String(x.id) === r))
  const folder = {
    id: state.sequence.folder++,
    name: name.slice(0, 150),
    parentId: parent?.id ?? null,
    dagId: dagId === '' ? null : Number(dagId),
    roleId: roleId === '' ? null : Number(roleId),
  }
  project.repository.folders.push(folder)
  logDesign(call, `Create folder (API): ${folder.name}`)
  return tableReply(tableFormat(call), [{ folder_id: folder.id }], { columns: ['folder_id'] })
}

const needs = [REQUIRE.fileRepository]

const fileRepository: ContentDef = {
  content: 'fileRepository',
  action: { from: 'param', allowed: GENERIC_ACTIONS },
  actions: {
    list: { requires: needs, run: list },
    export: { requires: needs, run: exportDoc },
    import: { requires: needs, run: importDoc },
    delete: { requires: needs, run: deleteDoc },
    createFolder: { requires: needs, run: createFolder },
  },
}
export default fileRepository
