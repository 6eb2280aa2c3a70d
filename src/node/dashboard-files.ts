/**
 * The dashboard's static files, read once per process. They sit beside the compiled admin code
 * (`dist/admin/dashboard/`, copied there by the build) or, when run from source, in
 * `src/admin/dashboard/`: the same relative place either way.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DashboardFiles } from '../admin/dashboard.js'
import { isFile } from './is-file.js'

export const DASHBOARD_DIR = fileURLToPath(new URL('../admin/dashboard/', import.meta.url))

let cached: DashboardFiles | undefined

/** Every file directly in `dir`; an empty map when the folder is missing (the route then says so). */
export function readDashboardFiles(dir = DASHBOARD_DIR): DashboardFiles {
  if (dir === DASHBOARD_DIR && cached) return cached
  const files = new Map<string, string>()
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    // no dashboard folder: a build that skipped the copy step
  }
  for (const name of names) {
    const path = join(dir, name)
    if (isFile(path)) files.set(name, readFileSync(path, 'utf8'))
  }
  if (dir === DASHBOARD_DIR) cached = files
  return files
}
