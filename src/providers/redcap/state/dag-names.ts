/**
 * A new DAG's unique group name: the name lower-cased, other characters as `_`, at most 18
 * characters ("New DAG" → `new_dag`, as PyCap's doctest expects); a clash gets a letter.
 */
import type { Project } from './model.js'

export function uniqueGroupName(project: Project, name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '_')
      .slice(0, 18)
      .replace(/^_+|_+$/g, '') || 'dag'
  const taken = (u: string) => project.dags.some((d) => d.uniqueName === u)
  let candidate = base
  for (let n = 1; taken(candidate); n++)
    candidate = `${base.slice(0, 17)}${String.fromCharCode(97 + n)}`
  return candidate
}
