/**
 * An entry's `geo_json_data` column: one GeoJSON Feature per answered location question, keyed by
 * the question's ref, with the entry's uuid, title, rounded accuracy, creation day and every answer
 * ref it picked (`{ref: 1}`, `[]` when none, for the data viewer's pie markers). An entry without a
 * location answer has none and never reaches the map. Keys in MySQL JSON order, as the column
 * returns them.
 *
 * @see epicollect5-server app/DTO/EntryStructureDTO.php (addGeoJsonObject,
 *   addPossibleAnswersToGeoJson) and app/Services/Entries/CreateEntryService.php
 */
import { formatPhpDate } from './dates.js'
import type { StoredEntry } from '../state/entry-store.js'
import type { ProjectRecord } from '../state/project-fixtures.js'
import { inMysqlJsonOrder } from './mysql-json.js'
import { PhpFloat } from './php-json.js'
import { answeredInputs, locationPoint, pickedAnswers } from './stored-answers.js'

export type GeoJsonData = ReadonlyMap<string, Record<string, unknown>>

const columns = new WeakMap<StoredEntry, GeoJsonData>()

export function geoJsonData(project: ProjectRecord, entry: StoredEntry): GeoJsonData {
  const kept = columns.get(entry)
  if (kept) return kept
  const inputs = answeredInputs(project, entry)
  const features = new Map<string, Record<string, unknown>>()
  let possible: Record<string, number> | [] | undefined
  for (const input of inputs) {
    if (input.type !== 'location') continue
    const point = locationPoint(entry.answers[input.ref])
    if (!point) continue
    possible ??= possibleAnswers(pickedAnswers(inputs, entry))
    const feature = {
      type: 'Feature',
      id: entry.uuid,
      geometry: {
        type: 'Point',
        coordinates: [new PhpFloat(point.longitude), new PhpFloat(point.latitude)],
      },
      properties: {
        uuid: entry.uuid,
        title: entry.title,
        accuracy: new PhpFloat(point.accuracy),
        // The day of created_at in UTC, as date('Y-m-d', strtotime(...)) gives it.
        created_at: formatPhpDate('Y-m-d', entry.createdAtMs),
        possible_answers: possible,
      },
    }
    features.set(input.ref, inMysqlJsonOrder(feature))
  }
  columns.set(entry, features)
  return features
}

/** PHP's `[$ref => 1, ...]`, which encodes as `[]` when nothing was picked. */
function possibleAnswers(refs: readonly string[]): Record<string, number> | [] {
  if (refs.length === 0) return []
  const out: Record<string, number> = {}
  for (const ref of refs) out[ref] = 1
  return out
}
