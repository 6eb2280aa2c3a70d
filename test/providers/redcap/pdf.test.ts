/**
 * content=pdf: a real PDF (the structure is checked here byte for byte: header, objects where the
 * cross-reference table says, stream lengths, trailer) with the forms' text, blank or filled.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  api,
  call,
  errorXml,
  startDefault,
  XML_TYPE,
  type Params,
} from './support.js'

interface Pdf {
  readonly type: string | null
  readonly text: string
}

async function pdf(response: Response): Promise<Pdf> {
  expect(response.status).toBe(200)
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { type: response.headers.get('content-type'), text: String.fromCharCode(...bytes) }
}

/** Checks the file structure and returns the text shown on the pages, one string per line. */
function readPdf(text: string): { lines: string[]; pages: number; title: string } {
  expect(text.startsWith('%PDF-1.3\n3 0 obj\n')).toBe(true)
  expect(text.endsWith('%%EOF\n')).toBe(true)
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1])
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n')
  const [, size] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref)) ?? []
  const entries = text
    .slice(startxref)
    .split('\n')
    .slice(3, 2 + Number(size))
  entries.forEach((entry, i) => {
    expect(entry).toMatch(/^\d{10} 00000 n $/)
    const at = Number(entry.slice(0, 10))
    expect(text.slice(at, at + `${String(i + 1)} 0 obj\n`.length)).toBe(`${String(i + 1)} 0 obj\n`)
  })
  for (const m of text.matchAll(/<<\/Length (\d+)>>\nstream\n/g)) {
    const start = (m.index ?? 0) + m[0].length
    expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream')
  }
  const lines = [...text.matchAll(/Td \((.*)\) Tj ET/g)].map((m) => m[1] ?? '')
  const pages = Number(/\/Count (\d+)/.exec(text)?.[1])
  const title = /\/Title \((.*)\)/.exec(text)?.[1] ?? ''
  return { lines, pages, title }
}

describe('pdf', () => {
  it('exports the blank forms as a valid PDF', async () => {
    const t = await startDefault()
    const file = await pdf(await api(t, { token: ALICE_CLASSIC, content: 'pdf' }))
    expect(file.type).toBe('application/pdf; name="instruments.pdf"')
    const { lines, pages, title } = readPdf(file.text)
    expect(title).toBe('Classic Demo Study')
    expect(pages).toBe(2)
    expect(lines.slice(0, 12)).toEqual([
      'Demographics',
      '',
      'Record ID',
      '______________________________',
      'Contact details',
      'First name',
      '______________________________',
      'Last name',
      '______________________________',
      'Date of birth',
      '______________________________',
      'Sex',
    ])
    expect(lines).toContain('[ ] Hypertension')
    expect(lines).toContain('Complete? \\( \\) Incomplete \\( \\) Unverified \\( \\) Complete')
  })

  it('exports one instrument filled with a record, escaping parentheses', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'pdf', record: '2', instrument: 'health' }
    const file = await pdf(await api(t, params))
    expect(file.type).toBe('application/pdf; name="health_2.pdf"')
    const { lines, pages } = readPdf(file.text)
    expect(pages).toBe(1)
    expect(lines).toEqual([
      'Health',
      'Record ID 2',
      '',
      'Please answer the health questions.',
      'Height \\(cm\\)',
      '180',
      'Weight \\(kg\\)',
      '82.0',
      'BMI',
      '25.3',
      'Do you smoke?',
      'Yes',
      'Conditions',
      '[ ] Asthma',
      '[X] Diabetes',
      '[X] Hypertension',
      '[ ] None of these',
      'Notes',
      'Smokes 5 a day, "trying to quit"',
      'Signed consent',
      '',
      'Randomization group',
      '',
      '',
      'Form Status',
      'Complete? Unverified',
    ])
  })

  it('exports a longitudinal record per event and repeat instance', async () => {
    const t = await startDefault()
    const params = {
      token: ALICE_LONG,
      content: 'pdf',
      record: '1001',
      event: 'visit_1_arm_1',
      instrument: 'vitals',
      repeat_instance: '2',
    }
    const { lines } = readPdf((await pdf(await api(t, params))).text)
    expect(lines.slice(0, 4)).toEqual([
      'Vitals',
      'Record ID 1001 - Visit 1 \\(Arm 1: Treatment\\) \\(#2\\)',
      '',
      'Visit date',
    ])
    expect(lines).toContain('2026-01-21')
  })

  it('exports every record with allRecords, one page per form', async () => {
    const t = await startDefault()
    const params = { token: ALICE_CLASSIC, content: 'pdf', allRecords: 'true' }
    const { pages, lines } = readPdf((await pdf(await api(t, params))).text)
    expect(pages).toBe(8)
    expect(lines.filter((l) => l.startsWith('Record ID '))).toEqual([
      'Record ID 1',
      'Record ID 1',
      'Record ID 2',
      'Record ID 2',
      'Record ID 3',
      'Record ID 3',
      'Record ID 4',
      'Record ID 4',
    ])
  })

  it('writes characters outside Latin-1 as question marks and keeps accented ones', async () => {
    const t = await startDefault()
    await call(t, {
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'json',
      data: JSON.stringify([{ record_id: '3', notes: 'naïve → ok' }]),
    })
    const params = { token: ALICE_CLASSIC, content: 'pdf', record: '3', instrument: 'health' }
    const { lines } = readPdf((await pdf(await api(t, params))).text)
    expect(lines).toContain('na\u00efve ? ok')
  })

  it.each<[string, Params, string]>([
    ['an unknown record', { record: '77' }, 'The record "77" does not exist'],
    [
      'an unknown instrument',
      { instrument: 'nope' },
      `The following values in the parameter "instrument" are not valid: 'nope'`,
    ],
  ])('refuses %s', async (_name, params, message) => {
    const t = await startDefault()
    expect(await call(t, { token: ALICE_CLASSIC, content: 'pdf', ...params })).toEqual({
      status: 400,
      type: XML_TYPE,
      body: errorXml(message),
    })
  })
})
