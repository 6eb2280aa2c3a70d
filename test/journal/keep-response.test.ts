/**
 * What the journal keeps of a standard Response (the in-process answers: MSW, `standin.fetch`):
 * the same preview whether the body is read from what the Response was built from or through a
 * clone of its stream, and the body still whole for the client afterwards.
 */
import { describe, expect, it } from 'vitest'
import { keepResponse, responseEntry } from '../../src/journal/keep-response.js'

const noScrub = (text: string) => text
const TEXT = `{"note":"héllo","pad":"${'x'.repeat(3000)}"}`
const HEADERS = { 'content-type': 'application/json', 'x-extra': 'kept' }

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, 7))
      controller.enqueue(bytes.slice(7))
      controller.close()
    },
  })
}

async function kept(response: Response, previewBytes: number) {
  return responseEntry(
    await keepResponse(response, previewBytes, false, noScrub),
    previewBytes,
    noScrub,
  )
}

describe('keepResponse on a standard Response', () => {
  for (const previewBytes of [0, 20, 64_000]) {
    it(`previews a string, bytes or stream body alike (${String(previewBytes)} bytes kept)`, async () => {
      const fromString = new Response(TEXT, { headers: HEADERS })
      const fromBytes = new Response(new TextEncoder().encode(TEXT), { headers: HEADERS })
      const fromStream = new Response(streamOf(TEXT), { headers: HEADERS })
      const previews = [
        await kept(fromString, previewBytes),
        await kept(fromBytes, previewBytes),
        await kept(fromStream, previewBytes),
      ]
      expect(previews[0]).toEqual(previews[2])
      expect(previews[1]).toEqual(previews[2])
      expect(previews[0]?.headers).toEqual({
        'content-type': 'application/json',
        'x-extra': 'kept',
      })
      // Without a preview the size is only what a content-length says; none was given here.
      const size = previewBytes > 0 ? new TextEncoder().encode(TEXT).length : 0
      expect(previews[0]?.body?.size).toBe(size)
      for (const response of [fromString, fromBytes, fromStream]) {
        expect(response.bodyUsed).toBe(false)
        expect(await response.text()).toBe(TEXT)
      }
    })
  }

  it('keeps the text of an answer not changed by later edits to the bytes it was built from', async () => {
    const bytes = new TextEncoder().encode('original')
    const response = new Response(bytes, { headers: { 'content-type': 'text/plain' } })
    const later = await keepResponse(response, 100, false, noScrub)
    bytes.set(new TextEncoder().encode('CHANGED!'))
    expect(responseEntry(later, 100, noScrub).body?.text).toBe('original')
    expect(await response.text()).toBe('original')
  })

  it('previews a body that was read through a clone, and one with no body', async () => {
    const cloned = new Response('seen twice', { headers: { 'content-type': 'text/plain' } })
    expect(await cloned.clone().text()).toBe('seen twice')
    expect((await kept(cloned, 100)).body).toMatchObject({ text: 'seen twice', size: 10 })
    expect(await cloned.text()).toBe('seen twice')
    const empty = await kept(new Response(null, { status: 204, headers: { 'x-a': '1' } }), 100)
    expect(empty).toEqual({ headers: { 'x-a': '1' } })
  })

  it('describes a binary body without its bytes', async () => {
    const bytes = new Uint8Array([0, 1, 2, 3])
    const binary = new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } })
    expect((await kept(binary, 100)).body).toMatchObject({ omitted: 'binary' })
    expect(new Uint8Array(await binary.arrayBuffer())).toEqual(bytes)
  })
})
