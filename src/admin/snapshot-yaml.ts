/**
 * The snapshot as YAML, written in one pass like `JSON.stringify`: a snapshot holds every REDCap
 * record and file inline, and the `yaml` library's document model takes about a second per 3 MB,
 * which would hold up every other request meanwhile (docs/snapshot.md). The output is block YAML
 * that any YAML 1.1 or 1.2 parser reads back to the same JSON: strings are plain only when no
 * parser could take them for anything else, otherwise double-quoted with JSON's escapes (a subset
 * of YAML's) plus `\u` escapes for the characters YAML must not see raw. A short list of plain
 * values (a `[field, value]` pair) stays on one line.
 */

/** Letters first, then nothing a YAML parser treats specially (`: `, ` #`, quotes, brackets). */
const PLAIN = /^[A-Za-z][A-Za-z0-9_./@+-]*( [A-Za-z0-9_./@+-]+)*$/
/** Words YAML 1.1 or 1.2 reads as booleans or null. */
const KEYWORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i
/**
 * Characters YAML may not see raw in a double-quoted string (JSON escapes the C0 controls): DEL,
 * the C1 controls, the byte-order mark and non-characters, and the line breaks YAML 1.1 folds.
 */
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    if (PLAIN.test(value) && !KEYWORDS.test(value)) return value
    return JSON.stringify(value).replace(
      UNPRINTABLE,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null'
  if (typeof value === 'boolean') return String(value)
  return 'null'
}

const isCollection = (v: unknown): v is object => typeof v === 'object' && v !== null

function isShortList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length <= 3 && !value.some(isCollection)
}

/** A value after `key:` or `- `: inline when it fits there, else on the lines below. */
function inline(value: unknown): string | undefined {
  if (isShortList(value)) return `[${value.map(scalar).join(', ')}]`
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined
  if (isCollection(value)) return Object.keys(value).length === 0 ? '{}' : undefined
  return scalar(value)
}

/**
 * Appends `value` (a non-empty list or object) at `indent`; its first line starts with `lead`
 * instead, which is where a list item's dash goes (`- - x`, `- key: value`).
 */
function write(value: object, indent: string, lead: string, out: { text: string }): void {
  let start = lead
  const deeper = `${indent}  `
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      const one = inline(item)
      if (one !== undefined) out.text += `${start}- ${one}\n`
      else write(item as object, deeper, `${start}- `, out)
      start = indent
    }
    return
  }
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue
    const one = inline(member)
    if (one !== undefined) out.text += `${start}${scalar(key)}: ${one}\n`
    else {
      out.text += `${start}${scalar(key)}:\n`
      write(member as object, deeper, deeper, out)
    }
    start = indent
  }
}

export function snapshotYaml(scenario: Readonly<Record<string, unknown>>): string {
  const out = { text: '' }
  write(scenario, '', '', out)
  return out.text
}
