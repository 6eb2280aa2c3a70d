/**
 * A body Node has already received whole is taken at once (src/providers/redcap/routes/received-body.ts)
 * rather than read through hono: over a real socket, every kind of body must get the same answer
 * and leave the same journal entry as the same bytes posted in process, where hono reads them.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandin, type StartedStandin } from '../../../src/testing/index.js'
import { ALICE_CLASSIC } from './support.js'

let s: StartedStandin
beforeAll(async () => {
  s = await startStandin({ scenario: 'default' })
})
afterAll(async () => {
  await s.close()
})

const FORM = 'application/x-www-form-urlencoded'
const ascii = (text: string) => new TextEncoder().encode(text)
const joined = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

interface Seen {
  readonly status: number
  readonly type: string | null
  readonly body: string
  readonly journal: unknown
}

async function newestRequestBody(): Promise<unknown> {
  const answer = await fetch(`${s.url}/_standin/requests?limit=1`)
  const { requests } = (await answer.json()) as { requests: { request: { body?: unknown } }[] }
  return requests[0]?.request.body
}

async function seen(answer: Response): Promise<Seen> {
  const body = await answer.text()
  return {
    status: answer.status,
    type: answer.headers.get('content-type'),
    body,
    journal: await newestRequestBody(),
  }
}

/**
 * Over the socket, headers and body in one write (as curl and Python's http.client send a small
 * form), with a declared length, or chunked.
 */
function overSocket(bytes: Uint8Array, type: string, chunked = false): Promise<Seen> {
  const length = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': bytes.length }
  return new Promise((resolve, reject) => {
    const client = request(
      `${s.url}/redcap/api/`,
      { method: 'POST', headers: { 'content-type': type, ...length } },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const headers = new Headers({ 'content-type': response.headers['content-type'] ?? '' })
          const answer = new Response(Buffer.concat(chunks), {
            status: response.statusCode ?? 0,
            headers,
          })
          seen(answer).then(resolve, reject)
        })
      },
    )
    client.on('error', reject)
    client.end(bytes)
  })
}

/** Over the socket with fetch, which writes the body after the headers. */
async function bodyAfterHeaders(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<Seen> {
  return seen(
    await fetch(`${s.url}/redcap/api/`, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': type },
    }),
  )
}

/** The same bytes through the app in process, where hono reads the body. */
async function inProcess(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<Seen> {
  const request = new Request(`${s.url}/redcap/api/`, {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': type, host: new URL(s.url).host },
  })
  return seen(await s.standin.fetch(request))
}

const BODIES: [string, Uint8Array<ArrayBuffer>, string][] = [
  ['an ASCII form', ascii(`token=${ALICE_CLASSIC}&content=version&format=json`), FORM],
  ['an unknown token', ascii(`token=${'0'.repeat(32)}&content=record&format=json`), FORM],
  [
    'a form with raw UTF-8',
    ascii(
      `token=${ALICE_CLASSIC}&content=record&format=json&fields=record_id&filterLogic=[first_name]='Zoë'`,
    ),
    FORM,
  ],
  [
    'a form with bytes that are not UTF-8',
    joined(ascii(`token=${ALICE_CLASSIC}&content=version&note=`), new Uint8Array([0xff, 0xfe])),
    FORM,
  ],
  [
    'a form after a byte-order mark',
    joined(new Uint8Array([0xef, 0xbb, 0xbf]), ascii(`token=${ALICE_CLASSIC}&content=version`)),
    FORM,
  ],
  ['an empty form', new Uint8Array(0), FORM],
  ['JSON, which REDCap does not read', ascii(`{"token":"${ALICE_CLASSIC}"}`), 'application/json'],
]

describe('a body Node has received whole', () => {
  it.each(BODIES)('answers and journals %s as hono would read it', async (_, bytes, type) => {
    const socket = await overSocket(bytes, type)
    expect(socket).toEqual(await inProcess(bytes, type))
    expect(await bodyAfterHeaders(bytes, type)).toEqual(socket)
  })

  it('reads a chunked body, whose size no header gives, through hono', async () => {
    const bytes = ascii(`token=${ALICE_CLASSIC}&content=version&format=json`)
    const socket = await overSocket(bytes, FORM, true)
    expect(socket.status).toBe(200)
    expect(socket.body).toBe('15.7.6')
    expect(socket.journal).toMatchObject({ form: { token: '[redacted]', content: 'version' } })
  })

  it('reads a multipart body from the bytes', async () => {
    const form = new FormData()
    form.append('token', ALICE_CLASSIC)
    form.append('content', 'version')
    const request = new Request('http://x/', { method: 'POST', body: form })
    const type = request.headers.get('content-type') ?? ''
    const bytes = new Uint8Array(await request.arrayBuffer())
    const socket = await overSocket(bytes, type)
    expect(socket.body).toBe('15.7.6')
    expect(socket).toEqual(await inProcess(bytes, type))
  })
})
