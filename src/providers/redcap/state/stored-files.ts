/**
 * Stored documents (`redcap_edocs_metadata`): the files behind file-upload fields and the File
 * Repository, with the MIME type REDCap sends them with. Doc ids are global, as in REDCap.
 */
import type { Doc, Project, RedcapState } from './model.js'

export interface FileInput {
  readonly name: string
  /** '' (or the multipart default application/octet-stream) to guess from the file name. */
  readonly mimeType: string
  readonly bytes: Uint8Array
}

const MIME: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  csv: 'text/csv',
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  json: 'application/json',
}

export function mimeTypeOf(fileName: string): string {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? ''
  return MIME[ext] ?? 'application/octet-stream'
}

export function storeDoc(state: RedcapState, project: Project, file: FileInput): Doc {
  const id = state.sequence.doc++
  const known = file.mimeType !== '' && file.mimeType !== 'application/octet-stream'
  const mimeType = known ? file.mimeType : mimeTypeOf(file.name)
  const doc: Doc = { id, name: file.name, mimeType, bytes: file.bytes }
  project.docs.set(id, doc)
  return doc
}

/**
 * The Content-Type a download goes out with: the MIME type and the file's name
 * (`image/jpeg; name="mugshot-1.jpg"`, as REDCapR reads it); PHP appends `;charset=UTF-8` to text
 * types, which is why PyCap sees `{'name': ..., 'charset': 'UTF-8'}`.
 */
export function downloadContentType(doc: Doc): string {
  const base = `${doc.mimeType}; name="${doc.name}"`
  return doc.mimeType.startsWith('text/') ? `${base};charset=UTF-8` : base
}

/** REDCap sends every download with scripts switched off. */
export const DOWNLOAD_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "script-src 'none'",
}
