/**
 * The command's batched stderr (src/cli/stderr-lines.ts): the lines of one event-loop turn leave in
 * one write and in order; a large batch leaves at once.
 */
import { describe, expect, it } from 'vitest'
import { batchedLines } from '../../src/cli/stderr-lines.js'

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('batched stderr lines', () => {
  it('writes the lines of one turn together, in order, after the turn', async () => {
    const writes: string[] = []
    const line = batchedLines((text) => writes.push(text))
    line('a\n')
    line('b\n')
    line('c\n')
    expect(writes).toEqual([])
    await nextTurn()
    expect(writes).toEqual(['a\nb\nc\n'])
    line('d\n')
    await nextTurn()
    expect(writes).toEqual(['a\nb\nc\n', 'd\n'])
  })

  it('writes at once when the batch reaches its size', async () => {
    const writes: string[] = []
    const line = batchedLines((text) => writes.push(text), 8)
    line('1234\n')
    expect(writes).toEqual([])
    line('5678\n')
    expect(writes).toEqual(['1234\n5678\n'])
    await nextTurn()
    expect(writes).toHaveLength(1)
  })
})
