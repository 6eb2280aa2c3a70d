/**
 * The layers of docs/ARCHITECTURE.md hold: no file imports from a higher layer, and no files import
 * each other in a cycle (type-only imports count: they are how a newcomer reads the code too).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, posix, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = posix.join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** Each numbered line of the layers block: the folders (ending in `/`) and files it names. */
function layersFromArchitecture(): string[][] {
  const text = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8')
  const block = text.split('<!-- layers:start -->')[1]?.split('<!-- layers:end -->')[0] ?? ''
  return block
    .split('\n')
    .filter((line) => /^\d+\. /.test(line))
    .map((line) => [...(line.split(' — ')[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''))
}

/** The layer of a file: the most specific entry naming it (a file, else the longest folder). */
function layerOf(layers: readonly string[][], file: string): number {
  let best = -1
  let length = -1
  layers.forEach((entries, index) => {
    for (const entry of entries) {
      const names = entry.endsWith('/') ? file.startsWith(entry) : file === entry
      if (names && entry.length > length) [best, length] = [index, entry.length]
    }
  })
  return best
}

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g

function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8')
      const targets = [...text.matchAll(IMPORT)].map((m) =>
        posix.normalize(posix.join(dirname(file), m[1] ?? '')).replace(/\.js$/, '.ts'),
      )
      return [file, targets]
    }),
  )
}

function upwardImports(graph: Map<string, string[]>, layers: readonly string[][]): string[] {
  const found: string[] = []
  for (const [file, targets] of graph) {
    for (const target of targets) {
      if (layerOf(layers, target) > layerOf(layers, file)) found.push(`${file} -> ${target}`)
    }
  }
  return found
}

/** Strongly connected components of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (file: string): void => {
    index.set(file, next)
    low.set(file, next)
    next++
    stack.push(file)
    onStack.add(file)
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue
      if (!index.has(target)) {
        visit(target)
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0))
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()
      if (member === undefined) break
      onStack.delete(member)
      component.push(member)
    } while (member !== file)
    if (component.length > 1) found.push(component.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return found
}

const layers = layersFromArchitecture()
const files = sourceFiles('src')
const graph = importGraph(files)

describe('the import graph', () => {
  it('reads the layers from docs/ARCHITECTURE.md and places every source file in one', () => {
    expect(layers.length).toBeGreaterThan(10)
    expect(files.filter((file) => layerOf(layers, file) < 0)).toEqual([])
    expect(layerOf(layers, 'src/core/clock.ts')).toBeLessThan(
      layerOf(layers, 'src/providers/index.ts'),
    )
  })

  it('has no import from a lower layer to a higher one', () => {
    expect(upwardImports(graph, layers)).toEqual([])
  })

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([])
  })

  it('would report an upward import and a cycle', () => {
    const broken = new Map(graph)
    broken.set('src/core/clock.ts', [...(graph.get('src/core/clock.ts') ?? []), 'src/app.ts'])
    expect(upwardImports(broken, layers)).toEqual(['src/core/clock.ts -> src/app.ts'])
    broken.set('src/core/random.ts', ['src/core/bytes.ts'])
    broken.set('src/core/bytes.ts', ['src/core/random.ts'])
    expect(cycles(broken)).toContainEqual(['src/core/bytes.ts', 'src/core/random.ts'])
  })
})
