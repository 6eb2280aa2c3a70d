/**
 * CSV as REDCap reads it, and its delimiters. REDCap writes CSV with PHP's `fputcsv`
 * (`core/php-csv.ts`; docs/protocols/redcap.md §1.4).
 */

/** `csvDelimiter` values REDCap accepts; `tab` means a tab character (api_docs_287). */
export const CSV_DELIMITERS: Readonly<Record<string, string>> = {
  ',': ',',
  tab: '\t',
  ';': ';',
  '|': '|',
  '^': '^',
}

export function csvDelimiter(param: string | undefined): string {
  return (param !== undefined && CSV_DELIMITERS[param]) || ','
}

/** Parses CSV text (quoted fields may span lines) into rows of strings; blank lines are skipped. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const source = text.replace(/^\uFEFF/, '')
  const endRow = () => {
    row.push(field)
    if (!(row.length === 1 && row[0] === '')) rows.push(row)
    row = []
    field = ''
  }
  while (i < source.length) {
    const ch = source.charAt(i)
    if (quoted) {
      if (ch === '"') {
        if (source.charAt(i + 1) === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === delimiter) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source.charAt(i + 1) === '\n') i++
      endRow()
    } else field += ch
    i++
  }
  if (field !== '' || row.length > 0) endRow()
  return rows
}

/** CSV text with a header line → objects keyed by header, in column order. */
export function parseCsvObjects(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter)
  if (!header) return []
  const names = header.map((h) => h.trim())
  return rows.map((cells) => {
    const out: Record<string, string> = {}
    names.forEach((name, i) => {
      out[name] = cells[i] ?? ''
    })
    return out
  })
}
