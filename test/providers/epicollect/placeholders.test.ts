import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { standin } from './support.js'

/** The marker codes of a JPEG's segments up to the scan, checking every length on the way. */
function segments(jpeg: Buffer): number[] {
  expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8])
  expect([jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd9])
  const markers: number[] = []
  let at = 2
  for (;;) {
    expect(jpeg[at]).toBe(0xff)
    const marker = jpeg[at + 1] ?? 0
    markers.push(marker)
    const length = jpeg.readUInt16BE(at + 2)
    at += 2 + length
    if (marker === 0xda || at >= jpeg.length) return markers
  }
}

describe('the Epicollect5 placeholder images', () => {
  it.each([
    ['ec5-photo-unsynced-placeholder-512x512.jpg', 40_073],
    ['ec5-placeholder-256x256.jpg', 3_735],
  ])('%s has the real placeholder size and is a well-formed JPEG', async (name, size) => {
    const jpeg = readFileSync(`fixtures/epicollect/placeholders/${name}`)
    expect(jpeg.length).toBe(size)
    const markers = segments(jpeg)
    // The padding comment first, then the picture's own tables, frame and scan.
    expect(markers[0]).toBe(0xfe)
    expect(markers).toContain(0xc0)
    expect(markers.at(-1)).toBe(0xda)
    const t = await standin()
    const served = await t.request(
      name.includes('unsynced')
        ? '/epicollect/api/export/media/ec5-urban-trees?type=photo&format=entry_original&name=nothing-here.jpg'
        : '/epicollect/api/export/media/ec5-urban-trees?type=photo&format=entry_original&name=logo.jpg',
    )
    expect(Buffer.from(await served.arrayBuffer()).equals(jpeg)).toBe(true)
  })
})
