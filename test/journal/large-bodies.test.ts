/**
 * Bodies larger than the preview: the journal keeps only their head while the request is answered,
 * yet a form's fields still come from the whole body and the sizes are the whole body's.
 */
import { expect, it } from 'vitest'
import { ALICE_CLASSIC } from '../providers/redcap/support.js'
import { redcap, serveDefault } from './support.js'

interface Preview {
  size: number
  text?: string
  truncated: boolean
  form?: Record<string, unknown>
}

async function newest(url: string) {
  const answer = await fetch(`${url}/_standin/requests?limit=1`)
  const { requests } = (await answer.json()) as {
    requests: { request: { body: Preview }; response: { body: Preview } }[]
  }
  return requests[0]
}

it('keeps every field of a large form and the size of a large answer', async () => {
  const s = await serveDefault({ config: { journalPreviewBytes: 64 } })
  const filler = 'x'.repeat(20_000)
  const answer = await redcap(s, {
    filler,
    token: ALICE_CLASSIC,
    content: 'metadata',
    format: 'json',
  })
  const bytes = new Uint8Array(await answer.arrayBuffer())
  expect(answer.status).toBe(200)
  expect(bytes.length).toBeGreaterThan(64 + 1024)
  const entry = await newest(s.url)
  expect(entry?.request.body).toMatchObject({
    truncated: true,
    form: { token: '[redacted]', content: 'metadata', format: 'json' },
  })
  expect(entry?.response.body).toMatchObject({ size: bytes.length, truncated: true })
  expect(entry?.response.body.text).toBe(new TextDecoder().decode(bytes).slice(0, 64))
  expect(JSON.stringify(entry)).not.toContain(ALICE_CLASSIC)
})

it('redacts a token that straddles the end of a preview', async () => {
  const s = await serveDefault({ config: { journalPreviewBytes: 30 } })
  // The token starts at the 22nd character and ends after the 30th.
  const body = JSON.stringify({ note: 'abc', ref: ALICE_CLASSIC, pad: 'y'.repeat(3000) })
  await fetch(`${s.url}/redox/v2/auth/token`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  })
  const entry = await newest(s.url)
  expect(entry?.request.body.truncated).toBe(true)
  expect(entry?.request.body.text).toHaveLength(30)
  expect(JSON.stringify(entry)).not.toContain(ALICE_CLASSIC.slice(0, 8))
})
