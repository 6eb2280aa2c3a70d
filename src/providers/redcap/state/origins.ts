/**
 * Whether a project still is what its fixture built, so a snapshot may name the fixture instead of
 * writing the project out. Two things must hold: the project equals its content right after the
 * load (any import, rename, design change or log line breaks that), and a fresh standin loading
 * the snapshot would build it with the same ids. Fixture builds take event, DAG, role, file and
 * folder ids in project order, while inline projects keep theirs, so the ids a fixture would get
 * are found by walking the projects in order.
 */
import { dumpProject } from './project-dump.js'
import type { IdSequence, Project, RedcapState } from './model.js'

/** Where a fresh state's ids start. */
export const FIRST_IDS: Readonly<IdSequence> = {
  event: 40,
  dag: 1,
  role: 1,
  doc: 1,
  project: 1,
  folder: 1,
}

const BUILT_IDS = ['event', 'dag', 'role', 'doc', 'folder'] as const

/**
 * The project's inline content, hashed: 64 bits of two multiply-xor lanes and the length, so a
 * session keeps a few bytes per fixture project instead of a copy of it. A collision would only
 * write a changed project as its fixture; by chance that is about one in 2^64. The lanes take the
 * UTF-8 bytes four at a time (the tail one by one): every load hashes each fixture project, and a
 * quarter of the steps is most of the cost of a first, not yet compiled, run.
 */
export function contentKey(project: Project): string {
  const text = JSON.stringify(dumpProject(project))
  const encoded = new TextEncoder().encode(text)
  const bytes = encoded.byteOffset % 4 === 0 ? encoded : encoded.slice()
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2)
  let a = 0x811c9dc5
  let b = 0x9e3779b9
  for (let i = 0; i < bytes.length;) {
    const c = i + 4 <= bytes.length ? (words[i >>> 2] ?? 0) : (bytes[i] ?? 0)
    i += i + 4 <= bytes.length ? 4 : 1
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35)
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35)
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}:${String(text.length)}`
}

export function recordOrigin(
  state: RedcapState,
  project: Project,
  fixture: string,
  from: IdSequence,
): void {
  state.origins.set(project.id, {
    fixture,
    hash: contentKey(project),
    logLength: project.log.length,
    from,
    to: { ...state.sequence },
  })
}

/**
 * The fixture each project may be written as (by project id), the others being written inline:
 * unchanged since the load, and its fixture would get the same ids on a fresh load.
 */
export function fixtureReferences(state: RedcapState): Map<number, string> {
  const out = new Map<number, string>()
  const next: IdSequence = { ...FIRST_IDS }
  for (const project of state.projects.values()) {
    const origin = state.origins.get(project.id)
    if (!origin) continue
    if (!BUILT_IDS.every((k) => origin.from[k] === next[k])) continue
    if (project.log.length !== origin.logLength || contentKey(project) !== origin.hash) continue
    out.set(project.id, origin.fixture)
    for (const k of BUILT_IDS) next[k] += origin.to[k] - origin.from[k]
  }
  return out
}
