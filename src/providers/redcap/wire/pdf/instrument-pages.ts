/**
 * What the instrument PDF says: per form (and, with data, per record row that holds the form) a
 * heading, then each field's label and its answer (choice labels, checkbox boxes, file names), or
 * for a blank form the choices to tick and a line to write on; `<form>_complete` as Form Status.
 * Lines are wrapped to the page width and split over as many pages as they need.
 */
import type { Field, Form, Project, RecordEntry, RecordRow } from '../../state/model.js'
import { choicesOf, COMPLETE_CHOICES, completeField } from '../../state/project-shape.js'
import { eventLabel } from '../../state/records/ingest.js'
import { PAGE, type PdfLine } from './writer.js'

export interface FilledForm {
  readonly entry: RecordEntry
  readonly row: RecordRow
}

/** One form to print, blank or with one record row's answers. */
export interface PdfSection {
  readonly form: Form
  readonly filled: FilledForm | null
}

const BODY = 10
/** Helvetica averages about half an em per character: enough to wrap readable lines. */
const CHARS_PER_POINT = 1 / (BODY * 0.5)

function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function wrap(text: string, size: number, indent: number, bold = false): PdfLine[] {
  const width = Math.floor((PAGE.width - 2 * PAGE.margin - indent) * CHARS_PER_POINT)
  const lines: PdfLine[] = []
  let current = ''
  for (const word of plain(text).split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push({ text: current, size, bold, indent })
      current = word
    } else current = current === '' ? word : `${current} ${word}`
  }
  lines.push({ text: current, size, bold, indent })
  return lines
}

function answerLines(project: Project, field: Field, row: RecordRow | null): PdfLine[] {
  const choices = choicesOf(field)
  if (field.type === 'checkbox') {
    const checked = row?.checked.get(field.name)
    return choices.flatMap(([code, label]) =>
      wrap(`[${checked?.has(code) ? 'X' : ' '}] ${label}`, BODY, 20),
    )
  }
  const value = row?.values.get(field.name) ?? ''
  if (choices.length > 0 && row === null)
    return choices.flatMap(([, label]) => wrap(`( ) ${label}`, BODY, 20))
  if (field.type === 'file') return wrap(project.docs.get(Number(value))?.name ?? '', BODY, 20)
  const shown = choices.find(([code]) => code === value)?.[1] ?? value
  return wrap(row === null ? '______________________________' : shown, BODY, 20)
}

function formLines(project: Project, form: Form, filled: FilledForm | null): PdfLine[] {
  const lines: PdfLine[] = [...wrap(form.label, 14, 0, true)]
  if (filled) {
    const event = project.events.find((e) => e.id === filled.row.eventId)
    const where = project.settings.isLongitudinal && event ? ` - ${eventLabel(project, event)}` : ''
    const instance = filled.row.instance === null ? '' : ` (#${String(filled.row.instance)})`
    lines.push(...wrap(`Record ID ${filled.entry.id}${where}${instance}`, BODY, 0, true))
  }
  lines.push({ text: '', size: BODY })
  for (const field of project.fields.filter((f) => f.form === form.name)) {
    if (field.sectionHeader !== '') lines.push(...wrap(field.sectionHeader, 11, 0, true))
    lines.push(...wrap(field.label, BODY, 0))
    if (field.type !== 'descriptive')
      lines.push(...answerLines(project, field, filled?.row ?? null))
  }
  const status = filled?.row.values.get(completeField(form.name)) ?? ''
  const statusLabel = COMPLETE_CHOICES.find(([code]) => code === (status || '0'))?.[1] ?? ''
  lines.push({ text: '', size: BODY }, { text: 'Form Status', size: 11, bold: true })
  lines.push(
    ...wrap(
      filled ? `Complete? ${statusLabel}` : 'Complete? ( ) Incomplete ( ) Unverified ( ) Complete',
      BODY,
      0,
    ),
  )
  return lines
}

/** Splits one form's lines over pages. */
function paginate(lines: readonly PdfLine[]): PdfLine[][] {
  const room = PAGE.height - 2 * PAGE.margin
  const pages: PdfLine[][] = [[]]
  let used = 0
  for (const line of lines) {
    const height = line.size * 1.4
    if (used + height > room) {
      pages.push([])
      used = 0
    }
    pages[pages.length - 1]?.push(line)
    used += height
  }
  return pages
}

/** Each section starts on a new page. */
export function instrumentPages(project: Project, sections: readonly PdfSection[]): PdfLine[][] {
  return sections.flatMap((s) => paginate(formLines(project, s.form, s.filled)))
}
