/** Small readers over fast-xml-parser's output (attributes prefixed `@`, text as `#text`). */

export type Node = Record<string, unknown>

export function list(node: Node | undefined, name: string): Node[] {
  const value = node?.[name]
  if (value === undefined || value === null || value === '') return []
  return (Array.isArray(value) ? value : [value]) as Node[]
}

export function attr(node: Node | undefined, name: string): string {
  const value = node?.[`@${name}`]
  return typeof value === 'string' ? value : ''
}

export function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (value !== null && typeof value === 'object') {
    const inner = (value as Node)['#text']
    return typeof inner === 'string' ? inner : ''
  }
  return ''
}
