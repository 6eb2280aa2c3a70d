/**
 * The File Repository as one user sees it: folders restricted to a DAG or a role are visible only
 * to users in that DAG or role (users in no DAG, or no role, see them all), and so are the
 * documents inside them. Unknown or hidden folders and documents answer the same 400.
 */
import { badRequest, MSG } from '../wire/messages.js'
import type { Project, RepositoryFile, RepositoryFolder } from './model.js'

export interface Viewer {
  readonly dagId: number | null
  readonly roleId: number | null
}

export function viewerOf(project: Project, username: string, dagId: number | null): Viewer {
  return { dagId, roleId: project.users.get(username)?.roleId ?? null }
}

function sees(viewer: Viewer, folder: RepositoryFolder): boolean {
  const dagOk = folder.dagId === null || viewer.dagId === null || folder.dagId === viewer.dagId
  const roleOk = folder.roleId === null || viewer.roleId === null || folder.roleId === viewer.roleId
  return dagOk && roleOk
}

/** `folder_id` → the folder (null for the top level), or the 400 for a missing or hidden one. */
export function folderFor(project: Project, viewer: Viewer, raw: string): RepositoryFolder | null {
  if (raw === '') return null
  const folder = project.repository.folders.find((f) => String(f.id) === raw)
  if (!folder || !sees(viewer, folder)) throw badRequest(MSG.noFolder(raw))
  return folder
}

/** `doc_id` → the repository document, or the 400 for a missing or hidden one. */
export function fileFor(project: Project, viewer: Viewer, raw: string): RepositoryFile {
  const file = project.repository.files.find((f) => String(f.docId) === raw)
  const folder = project.repository.folders.find((f) => f.id === file?.folderId)
  if (!file || (folder && !sees(viewer, folder))) throw badRequest(MSG.noDoc(raw))
  return file
}

/** What `list` shows in a folder: its visible sub-folders, then its documents. */
export function folderContents(project: Project, viewer: Viewer, parentId: number | null) {
  const folders = project.repository.folders.filter(
    (f) => f.parentId === parentId && sees(viewer, f),
  )
  const files = project.repository.files.filter((f) => f.folderId === parentId)
  return { folders, files }
}
