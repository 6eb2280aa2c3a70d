/**
 * XML as REDCap writes it: the declaration `<?xml version="1.0" encoding="UTF-8" ?>`, one element
 * per column inside `<item>`, values in CDATA and empty values as empty elements. Reading uses
 * fast-xml-parser (a correct, maintained parser; ODM files are too rich to read by hand), loaded
 * on first use (see xml-libs.ts).
 */
import { lazyXmlParser, xmlSyntaxValidator } from './xml-libs.js'

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" ?>'

export function cdata(value: string): string {
  return value === '' ? '' : `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

/** `<tag>` with its value in CDATA; the tag is the column name as REDCap writes it. */
export function xmlElement(tag: string, value: string): string {
  return `<${tag}>${cdata(value)}</${tag}>`
}

/** Escapes text for an attribute or plain element content. */
export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Null when the text is well-formed XML, else the parser's reason. */
export function xmlProblem(text: string): string | null {
  if (text.trim() === '') return 'Document is empty'
  try {
    xmlSyntaxValidator().validate(text)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

const itemParser = lazyXmlParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'item',
})

/**
 * `<records><item><field>value</field>...</item>...</records>` (any root name) → objects of strings,
 * in document order. A lone `<item>` root (project creation data) gives one object.
 */
export function parseXmlItems(text: string): Record<string, string>[] {
  const doc = itemParser().parse(text) as Record<string, unknown>
  const root = Object.entries(doc).find(([key]) => !key.startsWith('?'))
  if (!root) return []
  const [name, body] = root
  if (name === 'item') return Array.isArray(body) ? body.map(toStrings) : [toStrings(body)]
  const items = (body as { item?: unknown[] } | string | null) ?? {}
  if (typeof items === 'string') return []
  return (items.item ?? []).map(toStrings)
}

function toStrings(item: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (item === null || typeof item !== 'object') return out
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    out[key] = typeof value === 'string' ? value : ''
  }
  return out
}

/** `<items><name>value</name>...</items>` (any root name) → one object of strings (Import Project Info). */
export function parseXmlFields(text: string): Record<string, string> {
  const doc = itemParser().parse(text) as Record<string, unknown>
  const root = Object.entries(doc).find(([key]) => !key.startsWith('?'))
  return root ? toStrings(root[1]) : {}
}
