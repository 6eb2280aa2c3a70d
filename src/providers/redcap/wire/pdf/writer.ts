/**
 * A minimal PDF 1.3 writer: US Letter pages of left-aligned text lines in Helvetica and
 * Helvetica-Bold (two of the standard 14 fonts, so nothing is embedded), WinAnsi-encoded, with an
 * exact cross-reference table. Objects are laid out the way FPDF (which REDCap uses) lays them
 * out, so a REDCap PDF starts `%PDF-1.3\n3 0 obj` (PyCap's doctest) and so does this one.
 * @see ISO 32000-1 §7.5 (file structure), §9.6.2.2 (standard fonts), Annex D (WinAnsiEncoding)
 */

export interface PdfLine {
  readonly text: string
  readonly size: number
  readonly bold?: boolean
  /** Points from the left margin. */
  readonly indent?: number
}

export interface PdfInfo {
  readonly title: string
  readonly creationDate: Date
}

export const PAGE = { width: 612, height: 792, margin: 50 } as const

/** Text as a PDF literal string: Latin-1 kept, `\ ( )` escaped, anything else `?`. */
function literal(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63
    const printable = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)
    const safe = printable ? ch : code === 0x09 ? ' ' : '?'
    out += safe === '\\' || safe === '(' || safe === ')' ? `\\${safe}` : safe
  }
  return `(${out})`
}

function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`
}

function contentStream(lines: readonly PdfLine[]): string {
  let y = PAGE.height - PAGE.margin
  const ops: string[] = []
  for (const line of lines) {
    y -= line.size * 1.4
    const x = PAGE.margin + (line.indent ?? 0)
    const font = line.bold ? 'F2' : 'F1'
    ops.push(
      `BT /${font} ${line.size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${literal(line.text)} Tj ET`,
    )
  }
  return ops.join('\n')
}

/** The document's bytes; every character written is one byte (Latin-1). */
export function writePdf(pages: readonly (readonly PdfLine[])[], info: PdfInfo): Uint8Array {
  const offsets = new Map<number, number>()
  let out = '%PDF-1.3\n'
  const object = (id: number, body: string) => {
    offsets.set(id, out.length)
    out += `${String(id)} 0 obj\n${body}\nendobj\n`
  }
  const pageIds = pages.map((_, i) => 3 + 2 * i)
  const fontId = 3 + 2 * pages.length
  pages.forEach((lines, i) => {
    const id = 3 + 2 * i
    object(id, `<</Type /Page\n/Parent 1 0 R\n/Resources 2 0 R\n/Contents ${String(id + 1)} 0 R>>`)
    const stream = contentStream(lines)
    object(id + 1, `<</Length ${String(stream.length)}>>\nstream\n${stream}\nendstream`)
  })
  const kids = pageIds.map((id) => `${String(id)} 0 R`).join(' ')
  object(
    1,
    `<</Type /Pages\n/Kids [${kids}]\n/Count ${String(pages.length)}\n/MediaBox [0 0 ${String(PAGE.width)} ${String(PAGE.height)}]\n>>`,
  )
  object(
    fontId,
    '<</Type /Font\n/BaseFont /Helvetica\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>',
  )
  object(
    fontId + 1,
    '<</Type /Font\n/BaseFont /Helvetica-Bold\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>',
  )
  object(
    2,
    `<<\n/ProcSet [/PDF /Text]\n/Font <<\n/F1 ${String(fontId)} 0 R\n/F2 ${String(fontId + 1)} 0 R\n>>\n>>`,
  )
  const infoId = fontId + 2
  object(
    infoId,
    `<<\n/Producer ${literal('REDCap')}\n/Title ${literal(info.title)}\n/CreationDate ${literal(pdfDate(info.creationDate))}\n>>`,
  )
  object(infoId + 1, '<<\n/Type /Catalog\n/Pages 1 0 R\n>>')
  const size = infoId + 2
  const xref = out.length
  out += `xref\n0 ${String(size)}\n0000000000 65535 f \n`
  for (let id = 1; id < size; id++)
    out += `${String(offsets.get(id) ?? 0).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<<\n/Size ${String(size)}\n/Root ${String(infoId + 1)} 0 R\n/Info ${String(infoId)} 0 R\n>>\nstartxref\n${String(xref)}\n%%EOF\n`
  const bytes = new Uint8Array(out.length)
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i)
  return bytes
}
