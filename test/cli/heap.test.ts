/**
 * The heap flags `standin start` gives itself (src/cli/heap.ts): set unless `STANDIN_HEAP=v8` keeps
 * V8's defaults or the user passed the same flag to node, in either spelling V8 accepts. Whether the code cache still loads with them is
 * test/e2e/compile-cache.test.ts.
 */
import { setFlagsFromString } from 'node:v8'
import { afterAll, describe, expect, it } from 'vitest'
import { setHeapFlag } from '../../src/cli/heap.js'

const DEFAULT = {}

describe('heap flags', () => {
  afterAll(() => {
    setFlagsFromString('--heap-growing-percent=0')
  })

  it.each([
    ['--heap-growing-percent=30'],
    ['--heap_growing_percent=30'],
    ['--max-old-space-size=512 --heap-growing-percent=80'],
  ])('leaves a flag the user gave node alone: %s', (given) => {
    expect(setHeapFlag('heap-growing-percent', ['--enable-source-maps', given], DEFAULT)).toBe(
      false,
    )
  })

  it("leaves both at V8's defaults with STANDIN_HEAP=v8", () => {
    expect(setHeapFlag('heap-growing-percent', [], { STANDIN_HEAP: 'v8' })).toBe(false)
    expect(setHeapFlag('semi-space-growth-factor', [], { STANDIN_HEAP: 'v8' })).toBe(false)
  })

  it('sets a flag the user did not give', () => {
    expect(setHeapFlag('heap-growing-percent', ['--semi-space-growth-factor=2'], DEFAULT)).toBe(
      true,
    )
  })
})
