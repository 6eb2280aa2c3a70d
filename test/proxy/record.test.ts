import { describe, expect, it } from 'vitest'
import { Redactor } from '../../src/proxy/credentials.js'
import { toFixture, type ProxiedExchange } from '../../src/proxy/to-recording.js'
import { recordingSchema } from '../../src/proxy/recording-format.js'

const REAL_TOKEN = 'F00DCAFEF00DCAFEF00DCAFEF00DCAFE'
const OBTAINED = 'eyJhbGciOiJSUzI1NiJ9.real-upstream-access-token.sig'

function secrets(): Redactor {
  const redactor = new Redactor()
  redactor.add(REAL_TOKEN, 'redcap.token')
  redactor.add(OBTAINED, 'epicollect.access_token')
  return redactor
}

const encoder = new TextEncoder()

function exchange(
  request: Partial<ProxiedExchange['request']>,
  response: { status?: number; headers?: Record<string, string>; body?: string | Uint8Array },
): ProxiedExchange {
  const body = response.body ?? ''
  return {
    provider: 'redcap',
    request: {
      method: 'POST',
      mount: '/redcap',
      path: '/api/',
      query: '',
      contentType: undefined,
      body: null,
      ...request,
    },
    response: {
      status: response.status ?? 200,
      headers: response.headers ?? {},
      body: typeof body === 'string' ? encoder.encode(body) : body,
    },
  }
}

function multipart(boundary: string, fields: [string, string][]): Uint8Array {
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  )
  return encoder.encode(`${parts.join('')}--${boundary}--\r\n`)
}

describe('toFixture', () => {
  it('keeps a REDCap form exchange readable with every secret replaced by a placeholder', () => {
    const fixture = toFixture(
      exchange(
        {
          contentType: 'application/x-www-form-urlencoded',
          body: encoder.encode(
            'token=0123456789ABCDEF&content=record&format=json&records%5B0%5D=1',
          ),
        },
        {
          headers: {
            'content-type': 'application/json; charset=utf-8',
            date: 'Tue, 03 Mar 2026 10:00:00 GMT',
            'set-cookie': `PHPSESSID=${REAL_TOKEN}`,
            'x-request-id': 'abc',
            'x-ratelimit-remaining': '59',
          },
          body: `[{"record_id":"1","note":"${REAL_TOKEN} and ${OBTAINED}"}]`,
        },
      ),
      secrets(),
    )
    expect(fixture.file).toMatch(/^post-redcap-api-record-json-1-[0-9a-f]{8}\.json$/)
    expect(fixture.recording).toEqual({
      request: {
        method: 'POST',
        mount: '/redcap',
        path: '/api/',
        query: [],
        contentType: 'application/x-www-form-urlencoded',
        body: {
          form: [
            ['token', '{{token}}'],
            ['content', 'record'],
            ['format', 'json'],
            ['records[0]', '1'],
          ],
        },
      },
      response: {
        status: 200,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-ratelimit-remaining': '59',
        },
        body: {
          json: [{ record_id: '1', note: '{{redcap.token}} and {{epicollect.access_token}}' }],
        },
      },
    })
    expect(recordingSchema().parse(fixture.recording)).toEqual(fixture.recording)
  })

  it('gives the same key and file to multipart requests that differ only in boundary and local token', () => {
    const a = toFixture(
      exchange(
        {
          contentType: 'multipart/form-data; boundary=AAAA',
          body: multipart('AAAA', [
            ['token', 'LOCALTOKENONE000'],
            ['content', 'metadata'],
          ]),
        },
        { body: '[]' },
      ),
      secrets(),
    )
    const b = toFixture(
      exchange(
        {
          contentType: 'multipart/form-data; boundary="----b0undary"',
          body: multipart('----b0undary', [
            ['content', 'metadata'],
            ['token', 'LOCALTOKENTWO000'],
          ]),
        },
        { body: '[]' },
      ),
      secrets(),
    )
    expect(b.key).toBe(a.key)
    expect(b.file).toBe(a.file)
    expect(a.recording.request.body).toEqual({
      multipart: [
        { name: 'token', text: '{{token}}' },
        { name: 'content', text: 'metadata' },
      ],
    })
  })

  it.each([
    [
      'pretty JSON keeps its bytes as text, with access_token replaced',
      'application/json',
      `{\n  "access_token": "${OBTAINED}",\n  "expires_in": 300\n}`,
      { text: '{\n  "access_token": "{{access_token}}",\n  "expires_in": 300\n}' },
    ],
    [
      'compact JSON is kept as JSON, with client_secret replaced',
      'application/vnd.api+json; charset=utf-8',
      '{"client_secret":"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz","client_id":153}',
      { json: { client_secret: '{{client_secret}}', client_id: 153 } },
    ],
    [
      'CSV is text',
      'text/csv; charset=utf-8',
      'record_id,name\n1,"Ana Lima"\n',
      { text: 'record_id,name\n1,"Ana Lima"\n' },
    ],
    [
      'a photo is base64',
      'image/jpeg',
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]),
      { base64: '/9j/4AA=' },
    ],
  ])('stores a response body: %s', (_, contentType, body, expected) => {
    const fixture = toFixture(
      exchange(
        {
          method: 'GET',
          mount: '/epicollect',
          path: '/api/export/media/demo',
          query: 'name=a.jpg',
        },
        { headers: { 'content-type': contentType }, body },
      ),
      secrets(),
    )
    expect(fixture.recording.response.body).toEqual(expected)
  })

  it('sorts query parameters for the key but keeps repeated ones in order', () => {
    const one = toFixture(
      exchange({ method: 'GET', query: 'b=2&a=1&records[]=1&records[]=2' }, {}),
      secrets(),
    )
    const two = toFixture(
      exchange({ method: 'GET', query: 'a=1&records[]=1&b=2&records[]=2' }, {}),
      secrets(),
    )
    const swapped = toFixture(
      exchange({ method: 'GET', query: 'a=1&records[]=2&b=2&records[]=1' }, {}),
      secrets(),
    )
    expect(two.key).toBe(one.key)
    expect(swapped.key).not.toBe(one.key)
    expect(one.recording.response).toEqual({ status: 200, headers: {} })
  })
})
