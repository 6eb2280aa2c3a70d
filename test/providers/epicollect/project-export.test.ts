import { readdirSync, readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ACCESS_DENIED,
  bearer,
  BIRDS,
  BIRDS_APP,
  BIRDS_FORM,
  outcome,
  standin,
  token,
  TREES,
} from './support.js'

const TREES_DIR = `fixtures/epicollect/projects/${TREES}`

interface ProjectBody {
  meta: { project_mapping: Record<string, unknown>[]; project_stats: Record<string, unknown> }
  data: {
    id: string
    type: string
    project: Record<string, unknown> & { forms: Record<string, unknown>[] }
  }
}

function mediaBytes(dir: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const kind of ['photo', 'audio', 'video']) {
    for (const name of readdirSync(`${dir}/media/${kind}`)) {
      files++
      bytes += statSync(`${dir}/media/${kind}/${name}`).size
    }
  }
  return { files, bytes }
}

describe('GET /api/export/project', () => {
  it('answers the definition, mapping and stats with the stored key order', async () => {
    const t = await standin()
    const response = await t.request(`/epicollect/api/export/project/${TREES}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.api+json; charset=utf-8')
    const text = await response.text()
    const body = JSON.parse(text) as ProjectBody
    const stored = JSON.parse(readFileSync(`${TREES_DIR}/project.json`, 'utf8')) as {
      definition: ProjectBody['data']
      mapping: unknown
    }
    expect(text.startsWith('{"meta":{"project_mapping":[{"name":"EC5_AUTO","forms":{')).toBe(true)
    expect(Object.keys(body.data)).toEqual(['id', 'type', 'project'])
    expect(body.data).toEqual({
      ...stored.definition,
      project: {
        ...stored.definition.project,
        homepage: `http://localhost/epicollect/project/${TREES}`,
      },
    })
    expect(Object.keys(body.data.project)).toEqual([
      'ref',
      'name',
      'slug',
      'forms',
      'access',
      'status',
      'category',
      'homepage',
      'logo_url',
      'created_at',
      'visibility',
      'description',
      'entries_limits',
      'can_bulk_upload',
      'small_description',
    ])
    expect(Object.keys(body.data.project.forms[0] ?? {})).toEqual([
      'ref',
      'name',
      'slug',
      'type',
      'inputs',
    ])
    const [input] = (body.data.project.forms[0]?.inputs ?? []) as Record<string, unknown>[]
    expect(Object.keys(input ?? {})).toEqual([
      'max',
      'min',
      'ref',
      'type',
      'group',
      'jumps',
      'regex',
      'branch',
      'verify',
      'default',
      'is_title',
      'question',
      'uniqueness',
      'is_required',
      'datetime_format',
      'possible_answers',
      'set_to_current_datetime',
    ])
    expect(body.meta.project_mapping).toEqual(stored.mapping)
    expect(body.meta.project_mapping.map((m) => Object.keys(m))).toEqual([
      ['name', 'forms', 'map_index', 'is_default'],
      ['name', 'forms', 'map_index', 'is_default'],
    ])
  })

  it('recounts the project stats from the entries and media', async () => {
    const t = await standin()
    const body = (await (
      await t.request(`/epicollect/api/export/project/${TREES}`)
    ).json()) as ProjectBody
    const tables = JSON.parse(readFileSync(`${TREES_DIR}/entries.json`, 'utf8')) as {
      form_ref: string
      rows: string[][]
    }[]
    const branches = JSON.parse(readFileSync(`${TREES_DIR}/branch-entries.json`, 'utf8')) as {
      branch_ref: string
      rows: string[][]
    }[]
    const counts = (list: { rows: unknown[][] }, createdColumn: number) => {
      const times = list.rows
        .map((r) => String(r[createdColumn]).slice(0, 19).replace('T', ' '))
        .sort()
      return {
        count: list.rows.length,
        last_entry_created: times.at(-1),
        first_entry_created: times[0],
      }
    }
    const [trees, leaves] = tables
    const [inspections] = branches
    const { files, bytes } = mediaBytes(TREES_DIR)
    expect(body.meta.project_stats).toEqual({
      total_entries: (trees?.rows.length ?? 0) + (leaves?.rows.length ?? 0),
      total_files: files,
      total_bytes: bytes,
      form_counts: {
        [trees?.form_ref ?? '']: counts(trees ?? { rows: [] }, 1),
        [leaves?.form_ref ?? '']: counts(leaves ?? { rows: [] }, 2),
      },
      branch_counts: { [inspections?.branch_ref ?? '']: counts(inspections ?? { rows: [] }, 2) },
      structure_last_updated: '2024-06-20 16:45:12',
    })
    expect(files).toBe(11)
  })

  it('writes empty branch counts as a list, as PHP does', async () => {
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/export/project/${BIRDS}`,
      bearer(await token(t, BIRDS_APP)),
    )
    const body = (await response.json()) as ProjectBody
    expect(body.meta.project_stats).toMatchObject({
      total_entries: 28,
      total_files: 0,
      total_bytes: 0,
      branch_counts: [],
      form_counts: { [BIRDS_FORM]: { count: 28 } },
    })
  })

  it('needs a token for a private project', async () => {
    const t = await standin()
    expect(await outcome(await t.request(`/epicollect/api/export/project/${BIRDS}`))).toEqual({
      status: 404,
      body: ACCESS_DENIED,
    })
  })
})
