import { describe, expect, it } from 'vitest'
import { Journal, type JournalInput } from '../../src/core/journal.js'

const entry = (path: string): JournalInput => ({
  at: '2026-01-01T00:00:00.000Z',
  provider: 'redox',
  method: 'GET',
  path,
  status: 200,
  outcome: 'ok',
  durationMs: 1,
})

describe('Journal', () => {
  it('lists newest first', () => {
    const journal = new Journal(10)
    for (const path of ['/a', '/b', '/c']) journal.add(entry(path))
    expect(journal.list().map((e) => e.path)).toEqual(['/c', '/b', '/a'])
    expect(journal.list(2).map((e) => e.path)).toEqual(['/c', '/b'])
  })

  it('keeps only the newest entries once full', () => {
    const journal = new Journal(3)
    for (let i = 1; i <= 7; i++) journal.add(entry(`/${String(i)}`))
    expect(journal.list().map((e) => e.path)).toEqual(['/7', '/6', '/5'])
    expect(journal.total).toBe(7)
    expect(journal.list()[0]?.id).toBe(7)
  })
})
