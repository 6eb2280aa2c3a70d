/**
 * Record exports served from a cache: a project's export answer depends only on its data, the
 * caller's rights and DAG, and the request's parameters, so an answer is kept per project, keyed by
 * the rights, the DAG and the parameters (the token aside: authentication runs on every call
 * before the cache is asked). Every API call that may change anything drops the project's cache
 * and moves its data version on (`dataChanged`, called by the pipeline before the handler runs),
 * so a write, a rights change, a DAG change or a design change is never answered from the cache.
 * A reset or scenario load builds new projects, whose caches start empty.
 */
import type { ProjectCall } from './types.js'
import type { Project } from '../state/model.js'
import type { Rights } from '../state/seed.js'
import type { Reply } from '../wire/reply.js'

/** Answers kept per project; the oldest goes first. */
const MAX_ENTRIES = 16
/** Larger answers are not kept, so the cache stays a small multiple of the data. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

interface ProjectCache {
  /** Moves on with every change; the cache below belongs to this version. */
  version: number
  readonly replies: Map<string, Reply>
}

const caches = new WeakMap<Project, ProjectCache>()
/**
 * A number per rights object, for the key: a change of rights replaces the object
 * (contents/user.ts, user-role.ts), it never edits one in place. Two users with equal rights keep
 * answers of their own.
 */
const rightsIds = new WeakMap<Rights, number>()
let nextRightsId = 0
const encoder = new TextEncoder()

function cacheOf(project: Project): ProjectCache {
  let cache = caches.get(project)
  if (!cache) {
    cache = { version: 0, replies: new Map() }
    caches.set(project, cache)
  }
  return cache
}

/** The project's data, design, rights or DAGs may change now: drop what was cached. */
export function dataChanged(project: Project): void {
  const cache = cacheOf(project)
  cache.version++
  cache.replies.clear()
}

/** The project's data version: how many calls that may change it have run. */
export function dataVersion(project: Project): number {
  return cacheOf(project).version
}

/**
 * The export's answer from the cache, or `run`'s, kept for next time. ODM answers carry the
 * current time and uploads are never exports, so neither is cached.
 */
export function cachedExport(call: ProjectCall, run: (call: ProjectCall) => Reply): Reply {
  if (call.format === 'odm' || call.params.files.size > 0) return run(call)
  const cache = cacheOf(call.project)
  // Neither the rights number nor the DAG has a space: the parameters start after the second.
  const key = `${String(rightsId(call.access.rights))} ${String(call.access.dagId)} ${call.params.signature('token')}`
  const kept = cache.replies.get(key)
  if (kept) return kept
  const reply = run(call)
  const body = typeof reply.body === 'string' ? encoder.encode(reply.body) : reply.body
  if (body.byteLength > MAX_BODY_BYTES) return reply
  const stored = { ...reply, body }
  if (cache.replies.size >= MAX_ENTRIES) {
    const oldest = cache.replies.keys().next().value
    if (oldest !== undefined) cache.replies.delete(oldest)
  }
  cache.replies.set(key, stored)
  return stored
}

function rightsId(rights: Rights): number {
  let id = rightsIds.get(rights)
  if (id === undefined) {
    id = nextRightsId++
    rightsIds.set(rights, id)
  }
  return id
}
