/**
 * `GET /api/export/media/{slug}?type&format&name` (and the app route `/api/media/{slug}`, whose URLs
 * public exports embed). `format` picks the folder: entry_original → `media/photo`, entry_thumb →
 * `media/photo-thumb`, audio → `media/audio`, video → `media/video`, project_thumb →
 * `media/project`, project_mobile_logo → `media/project-mobile`; `type` picks the content type and
 * what a missing file gives: photos a placeholder JPEG with 200, audio and video 404 `ec5_69`.
 * Audio and video answer byte ranges.
 *
 * @see epicollect5-server app/Services/Media/MediaService.php, app/Http/Validation/Media/RuleMedia.php,
 *   app/Providers/Macros/Response/{ToMediaStreamLocal,ToEntryThumbLocal,ToProjectMobileLogoLocal}Macro.php
 */
import type { FixtureStore } from '../../../core/fixtures.js'
import { Ec5Error, ec5Error } from '../errors.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { phpTruthy, validate, type QueryValue, type Rule } from '../wire/query-params.js'

/** config/epicollect/media.php `formats`. */
const FORMATS = [
  'entry_original',
  'entry_thumb',
  'project_thumb',
  'project_mobile_logo',
  'video',
  'audio',
  'temp',
]
const RULES: ReadonlyArray<readonly [string, readonly Rule[]]> = [
  ['type', [{ kind: 'required' }, { kind: 'in', values: ['photo', 'audio', 'video'] }]],
  ['name', [{ kind: 'required' }, { kind: 'string' }]],
  ['format', [{ kind: 'required' }, { kind: 'in', values: FORMATS }]],
]
const FOLDERS: Readonly<Record<string, string>> = {
  entry_original: 'photo',
  entry_thumb: 'photo-thumb',
  audio: 'audio',
  video: 'video',
  project_thumb: 'project',
  project_mobile_logo: 'project-mobile',
}
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  photo: 'image/jpeg',
  audio: 'audio/mp4',
  video: 'video/mp4',
}
export const PLACEHOLDERS = {
  unsynced: 'epicollect/placeholders/ec5-photo-unsynced-placeholder-512x512.jpg',
  generic: 'epicollect/placeholders/ec5-placeholder-256x256.jpg',
}
const CACHE_ALWAYS = 'public, max-age=31536000, immutable'
/** Common::mediaHourlyCacheControl with MEDIA_CACHE_CONTROL_HOURS at its default, 24. */
const CACHE_HOURLY = 'public, max-age=86400'
const PROJECT_AVATAR = 'logo.jpg'

export interface MediaResponse {
  readonly status: 200 | 206
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array<ArrayBuffer>
}

/** A fixture file's bytes in a buffer of their own (what a Response body takes). */
function read(fixtures: FixtureStore, path: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(fixtures.readBytes(path))
}

function text(query: ReadonlyMap<string, QueryValue>, key: string): string {
  const value = query.get(key)
  return typeof value === 'string' ? value : ''
}

function placeholder(
  fixtures: FixtureStore,
  type: string,
  name: string,
  slug: string,
): MediaResponse {
  if (type !== 'photo')
    throw ec5Error(
      'not_found',
      'ec5_69',
      'media-service',
      404,
      `no ${type} file "${name}" in ${slug}`,
    )
  const path = name === PROJECT_AVATAR ? PLACEHOLDERS.generic : PLACEHOLDERS.unsynced
  return photo(read(fixtures, path), CACHE_ALWAYS)
}

function photo(body: Uint8Array<ArrayBuffer>, cacheControl: string): MediaResponse {
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPES.photo ?? '', 'cache-control': cacheControl },
    body,
  }
}

/** ToMediaStreamLocalMacro: the whole file, or `bytes=a-b` as 206 when the range fits. */
function stream(
  bytes: Uint8Array<ArrayBuffer>,
  type: string,
  name: string,
  range: string | undefined,
): MediaResponse {
  const size = bytes.byteLength
  const contentType =
    type === 'audio' && name.endsWith('.wav') ? 'audio/wav' : (CONTENT_TYPES[type] ?? '')
  const base = {
    'content-type': contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache, private',
  }
  const m = range === undefined ? null : /bytes=(\d*)-(\d*)/.exec(range)
  if (m) {
    // `bytes=-500` reads as 0-500 here, as the server's regex does.
    const start = m[1] ? Number(m[1]) : 0
    const end = m[2] ? Number(m[2]) : size - 1
    if (start <= end && end < size) {
      const body = bytes.subarray(start, end + 1)
      const headers = {
        ...base,
        'content-length': String(body.byteLength),
        'content-range': `bytes ${String(start)}-${String(end)}/${String(size)}`,
      }
      return { status: 206, headers, body }
    }
  }
  return { status: 200, headers: { ...base, 'content-length': String(size) }, body: bytes }
}

export function serveMedia(
  fixtures: FixtureStore,
  project: ProjectRecord,
  query: ReadonlyMap<string, QueryValue>,
  range: string | undefined,
): MediaResponse {
  const problems = validate(query, RULES)
  if (problems.length > 0)
    throw new Ec5Error('invalid_request', problems, {
      status: 400,
      detail: 'media parameters failed validation',
    })
  const [type, format, name] = [text(query, 'type'), text(query, 'format'), text(query, 'name')]
  const folder = FOLDERS[format]
  if (folder === undefined)
    throw ec5Error(
      'invalid_request',
      'ec5_103',
      'media-service',
      400,
      `format "${format}" is not served`,
    )
  const path = `${project.dir}/media/${folder}/${name}`
  const cache = phpTruthy(query.get('v')) ? CACHE_ALWAYS : CACHE_HOURLY
  const exists = !name.includes('/') && fixtures.exists(path)
  if (format === 'entry_thumb' || format === 'project_mobile_logo') {
    // Generated from the original on the server: a pre-rendered file here, else the original.
    const original = `${project.dir}/media/${format === 'entry_thumb' ? 'photo' : 'project'}/${name}`
    const source = exists
      ? path
      : !name.includes('/') && fixtures.exists(original)
        ? original
        : undefined
    if (source) return photo(read(fixtures, source), cache)
    if (format === 'project_mobile_logo')
      return photo(read(fixtures, PLACEHOLDERS.generic), CACHE_ALWAYS)
    return photo(
      read(fixtures, name === PROJECT_AVATAR ? PLACEHOLDERS.generic : PLACEHOLDERS.unsynced),
      CACHE_ALWAYS,
    )
  }
  if (!exists) return placeholder(fixtures, type, name, project.slug)
  const bytes = read(fixtures, path)
  return type === 'photo' ? photo(bytes, cache) : stream(bytes, type, name, range)
}
