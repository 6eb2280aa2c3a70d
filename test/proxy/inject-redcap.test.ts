import { afterEach, describe, expect, it } from 'vitest'
import { StandinError } from '../../src/core/errors.js'
import { redcapInjector } from '../../src/providers/redcap/proxy/injector.js'
import { injectorKit, textOf, type InjectorKit } from '../support/injector-kit.js'
import { startStub, type Stub } from '../support/stub-upstream.js'

const REAL = 'A1B2C3D4E5F60718293A4B5C6D7E8F90'
let stub: Stub
let kit: InjectorKit

async function setUp(env: Record<string, string> = { REDCAP_TOKEN: REAL }) {
  stub = await startStub((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end('{"ok":true}')
  })
  kit = injectorKit(redcapInjector, {
    url: `${stub.url}/redcap`,
    env,
    credentials: { token: { env: 'REDCAP_TOKEN' } },
  })
}

afterEach(async () => {
  kit.close()
  await stub.close()
})

describe('REDCap credential injection', () => {
  it('replaces the token field of an urlencoded body and leaves every other byte alone', async () => {
    await setUp()
    const response = await kit.send({
      method: 'POST',
      pathAndQuery: '/api/',
      headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new TextEncoder().encode(
        'content=record&token=0123456789ABCDEF0123456789ABCDEF&records%5B0%5D=1&fields=a,b',
      ),
    })
    expect(response.status).toBe(200)
    expect(await textOf(response)).toBe('{"ok":true}')
    expect(stub.requests.map((r) => [r.method, r.url, r.body.toString()])).toEqual([
      ['POST', '/redcap/api/', `content=record&token=${REAL}&records%5B0%5D=1&fields=a,b`],
    ])
    expect(stub.requests[0]!.headers['content-length']).toBe(String(stub.requests[0]!.body.length))
  })

  it('swaps the token in the bytes: a field not in UTF-8 stays as sent, an escaped name still counts', async () => {
    await setUp()
    const local = '0123456789ABCDEF0123456789ABCDEF'
    const sent = Buffer.concat([
      Buffer.from('\ufeffcontent=record&data='),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from(`&tok%65n=${local}&token=${local}&tokens=${local}&token`),
    ])
    await kit.send({
      method: 'POST',
      pathAndQuery: '/api/',
      headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new Uint8Array(sent),
    })
    const expected = Buffer.concat([
      Buffer.from('\ufeffcontent=record&data='),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from(`&tok%65n=${REAL}&token=${REAL}&tokens=${local}&token=${REAL}`),
    ])
    expect(stub.requests[0]!.body.toString('hex')).toBe(expected.toString('hex'))
  })

  it('replaces the token part of a multipart body and passes a file part through byte for byte', async () => {
    await setUp()
    const file = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x89, 0x50])
    const form = new FormData()
    form.append('token', '0123456789ABCDEF0123456789ABCDEF')
    form.append('content', 'file')
    form.append('action', 'import')
    form.append('file', new Blob([file], { type: 'application/octet-stream' }), 'scan.bin')
    const request = new Request('http://x/', { method: 'POST', body: form })
    const body = new Uint8Array(await request.arrayBuffer())
    const contentType = request.headers.get('content-type')!
    await kit.send({
      method: 'POST',
      pathAndQuery: '/api/',
      headers: new Headers({ 'content-type': contentType }),
      body,
    })
    const received = stub.requests[0]!.body
    const expected = Buffer.from(body)
      .toString('latin1')
      .replace('0123456789ABCDEF0123456789ABCDEF', REAL)
    expect(received.toString('latin1')).toBe(expected)
    const parsed = await new Response(new Uint8Array(received), {
      headers: { 'content-type': contentType },
    }).formData()
    expect(parsed.get('token')).toBe(REAL)
    const upload = parsed.get('file') as File
    expect(Buffer.from(await upload.arrayBuffer())).toEqual(file)
  })

  it('refuses with 502 and names the unset variable when the reference cannot be read', async () => {
    await setUp({})
    const error = await kit
      .send({ method: 'POST', pathAndQuery: '/api/', body: new Uint8Array() })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StandinError)
    expect([(error as StandinError).code, (error as StandinError).detail]).toEqual([
      'upstream_failed',
      'credentials.redcap.token: environment variable REDCAP_TOKEN is not set',
    ])
    expect(stub.requests).toEqual([])
  })
})
