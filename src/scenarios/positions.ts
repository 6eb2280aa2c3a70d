/**
 * Where a problem is in a scenario or config file: `line:column` of the value (or unknown key) a
 * dotted path names. The `yaml` library keeps each node's offsets, and JSON is read by it too
 * (JSON is YAML), so both formats locate the same way. Syntax errors come with every one found.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'

export interface Position {
  readonly line: number
  readonly column: number
}

export interface SyntaxProblem extends Position {
  readonly message: string
}

export interface LocatedText {
  /** Every syntax error, in file order; the data is only meaningful when there are none. */
  readonly syntax: readonly SyntaxProblem[]
  readonly data: unknown
  /** The deepest node of `path` the file has (a missing key: its parent). */
  locate(path: readonly PropertyKey[]): Position | undefined
}

export function readLocated(text: string, file: string): LocatedText {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset)
    return { line, column: col }
  }
  const yamlError = doc.errors[0]
  const json = file.endsWith('.json')
    ? jsonSyntax(text, at, yamlError ? at(yamlError.pos[0]) : undefined)
    : undefined
  const syntax: SyntaxProblem[] = json
    ? [json]
    : doc.errors.map((error) => ({
        ...at(error.pos[0]),
        message: error.message.split('\n')[0] ?? error.message,
      }))
  return {
    syntax,
    data: syntax.length > 0 ? undefined : json === undefined ? doc.toJS() : JSON.parse(text),
    locate: (path) => {
      const node = deepest(doc.contents, path)
      return node?.range ? at(node.range[0]) : undefined
    },
  }
}

function deepest(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | null
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key)
      if (!pair) break
      const last = i === path.length - 1
      node = (last || !pair.value ? pair.key : pair.value) as Node
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key] as Node
    } else break
  }
  return node ?? undefined
}

/**
 * JSON's own parser decides what is valid JSON. Its message gives the line (Node 22), an offset
 * (some errors on Node 20) or neither; then YAML's reading of the same text says where.
 */
function jsonSyntax(
  text: string,
  at: (offset: number) => Position,
  yamlPosition: Position | undefined,
): SyntaxProblem | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const lineColumn = /line (\d+) column (\d+)/.exec(message)
    const offset = /position (\d+)/.exec(message)
    const position = lineColumn
      ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : offset
        ? at(Number(offset[1]))
        : (yamlPosition ?? at(text.length))
    const short = message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s+/g, ' ')
    return { ...position, message: short }
  }
}
