// Writes fixtures/epicollect/projects/ and fixtures/epicollect/placeholders/: synthetic,
// deterministic projects (definition, mapping, entries, branch entries and media files copied from
// scripts/epicollect-media/). Same seed, same bytes: test/providers/epicollect/fixtures.test.ts
// checks that the committed files are exactly what this writes.
//
//   npm run build && node scripts/epicollect-fixtures/generate.js [--out DIR]
//
// --out writes the tree under DIR instead of fixtures/ (the test compares the two).
import { Buffer } from 'node:buffer'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { SeededRandom } from '../../dist/core/random.js'
import { createAutoMapping } from '../../dist/providers/epicollect/state/mapping.js'
import { inMysqlJsonOrder } from '../../dist/providers/epicollect/wire/mysql-json.js'
import { riverWatch } from './river-watch.js'
import { closedProject, schoolBirdCount } from './small-projects.js'
import { urbanTrees } from './urban-trees.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const MEDIA_SOURCES = join(HERE, '..', 'epicollect-media')
export const FIXTURES_ROOT = join(HERE, '..', '..', 'fixtures')

/** Which answers get a real file: the first few of each kind; the rest stay "not synced yet". */
class MediaPlan {
  constructor(dir, limits) {
    this.dir = dir
    this.limits = limits
    this.files = new Map()
    this.counts = { photo: 0, audio: 0, video: 0 }
  }

  #take(kind) {
    this.counts[kind]++
    return this.counts[kind] <= this.limits[kind] ? this.counts[kind] : 0
  }

  photo(name) {
    const n = this.#take('photo')
    if (!n) return
    const source = `photo-${String(((n - 1) % 6) + 1)}`
    this.files.set(`${this.dir}/media/photo/${name}`, `${source}.jpg`)
    this.files.set(`${this.dir}/media/photo-thumb/${name}`, `${source}-thumb.jpg`)
  }

  audio(name) {
    const n = this.#take('audio')
    if (n)
      this.files.set(`${this.dir}/media/audio/${name}`, `audio-${String(((n - 1) % 2) + 1)}.mp4`)
  }

  video(name) {
    if (this.#take('video')) this.files.set(`${this.dir}/media/video/${name}`, 'video-1.mp4')
  }
}

/** A custom map: EC5_AUTO's forms with some questions renamed or hidden and answers renamed. */
function customMap(auto, index, spec) {
  const edit = (maps) => {
    if (Array.isArray(maps)) return maps
    const out = {}
    for (const [ref, map] of Object.entries(maps)) {
      const answers = Array.isArray(map.possible_answers)
        ? map.possible_answers
        : Object.fromEntries(
            Object.entries(map.possible_answers).map(([answerRef, value]) => [
              answerRef,
              { map_to: spec.answers[answerRef] ?? value.map_to },
            ]),
          )
      out[ref] = {
        ...map,
        map_to: spec.rename[ref] ?? map.map_to,
        hide: spec.hide.includes(ref),
        possible_answers: answers,
        group: edit(map.group),
        branch: edit(map.branch),
      }
    }
    return out
  }
  const forms = Object.fromEntries(
    Object.entries(auto.forms).map(([ref, maps]) => [ref, edit(maps)]),
  )
  return { name: spec.name, forms, map_index: index, is_default: spec.is_default }
}

/** Every fixture file, path (under fixtures/) to text or the name of a file in epicollect-media. */
export function generateEpicollectFixtures() {
  const random = new SeededRandom('epicollect-fixtures')
  const plans = []
  const plan = (slug, limits) => {
    const media = new MediaPlan(`epicollect/projects/${slug}`, limits)
    plans.push(media)
    return media
  }
  const projects = [
    riverWatch(random, plan('ec5-river-watch', { photo: 8, audio: 2, video: 0 })),
    urbanTrees(random, plan('ec5-urban-trees', { photo: 8, audio: 2, video: 1 })),
    schoolBirdCount(random),
    closedProject(random, {
      name: 'EC5 Pilot 2019',
      slug: 'ec5-pilot-2019',
      access: 'public',
      status: 'trashed',
      createdAt: '2019-03-04 11:00:00',
      updatedAt: '2023-02-01 09:30:00',
    }),
    closedProject(random, {
      name: 'EC5 Archived Demo',
      slug: 'ec5-archived-demo',
      access: 'private',
      status: 'archived',
      createdAt: '2020-09-14 15:20:00',
      updatedAt: '2022-11-30 12:00:00',
    }),
  ]
  const files = new Map()
  for (const p of projects) {
    const dir = `epicollect/projects/${p.slug}`
    const auto = createAutoMapping(p.definition)
    const mapping = [auto, ...p.customMaps.map((spec, i) => customMap(auto, i + 1, spec))]
    const file = {
      updated_at: p.updatedAt,
      structure_last_updated: p.structureLastUpdated,
      definition: inMysqlJsonOrder(p.definition),
      mapping: inMysqlJsonOrder(mapping),
    }
    files.set(`${dir}/project.json`, `${JSON.stringify(file, null, 1)}\n`)
    if (p.entries) files.set(`${dir}/entries.json`, `[\n${p.entries.join(',\n')}\n]\n`)
    if (p.branchEntries?.length)
      files.set(`${dir}/branch-entries.json`, `[\n${p.branchEntries.join(',\n')}\n]\n`)
    if (p.logo) {
      files.set(`${dir}/media/project/logo.jpg`, { media: 'logo-512.jpg' })
      files.set(`${dir}/media/project-mobile/logo.jpg`, { media: 'logo-128.jpg' })
    }
  }
  for (const media of plans) {
    for (const [path, source] of media.files) files.set(path, { media: source })
  }
  files.set('epicollect/placeholders/ec5-photo-unsynced-placeholder-512x512.jpg', {
    media: 'placeholder-unsynced-512.jpg',
  })
  files.set('epicollect/placeholders/ec5-placeholder-256x256.jpg', { media: 'placeholder-256.jpg' })
  return files
}

/** The bytes of one generated file. */
export function contentOf(value) {
  return typeof value === 'string'
    ? Buffer.from(value, 'utf8')
    : readFileSync(join(MEDIA_SOURCES, value.media))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out')
  const root = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : FIXTURES_ROOT
  rmSync(join(root, 'epicollect', 'projects'), { recursive: true, force: true })
  rmSync(join(root, 'epicollect', 'placeholders'), { recursive: true, force: true })
  const files = generateEpicollectFixtures()
  for (const [path, value] of files) {
    const full = join(root, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, contentOf(value))
  }
  process.stdout.write(`wrote ${String(files.size)} files under fixtures/epicollect\n`)
}
