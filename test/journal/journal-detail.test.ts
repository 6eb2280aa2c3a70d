import { describe, expect, it } from 'vitest'
import { ALICE_CLASSIC } from '../providers/redcap/support.js'
import { control, redcap, serveDefault } from './support.js'

interface Entry {
  id: number
  provider: string
  method: string
  path: string
  status: number
  outcome: string
  request: {
    query: Record<string, unknown>
    headers: Record<string, string>
    body?: Record<string, unknown>
  }
  response: { headers: Record<string, string>; body?: Record<string, unknown> }
}

async function journal(url: string, query = ''): Promise<Entry[]> {
  const response = await fetch(`${url}/_standin/requests${query}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { requests: Entry[] }).requests
}

describe('journal entries over HTTP', () => {
  it('keep the request form and the response, the token redacted', async () => {
    const s = await serveDefault()
    const answer = await redcap(s, { token: ALICE_CLASSIC, content: 'version' })
    const version = await answer.text()
    const [entry] = await journal(s.url)
    expect(entry).toMatchObject({
      provider: 'redcap',
      method: 'POST',
      path: '/redcap/api/',
      status: 200,
      outcome: 'ok',
      request: {
        query: {},
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: {
          contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
          form: { token: '[redacted]', content: 'version' },
          text: 'token=[redacted]&content=version',
          truncated: false,
        },
      },
      response: {
        headers: { 'content-type': answer.headers.get('content-type') },
        body: { text: version, truncated: false },
      },
    })
    expect(JSON.stringify(entry)).not.toContain(ALICE_CLASSIC)
  })

  it('keep the search parameters of a refused FHIR search and redact the bearer token', async () => {
    const s = await serveDefault()
    const response = await fetch(
      `${s.url}/redox/fhir/R4/redox-fhir-sandbox/Development/Patient?family=Smith&birthdate=1980-01-01`,
      { headers: { authorization: 'Bearer not-a-token-at-all' } },
    )
    expect(response.status).toBe(401)
    const [entry] = await journal(s.url)
    expect(entry).toMatchObject({
      status: 401,
      outcome: 'rejected',
      request: {
        query: { family: 'Smith', birthdate: '1980-01-01' },
        headers: { authorization: '[redacted]' },
      },
    })
    expect(entry?.response.body).toMatchObject({ truncated: false })
    expect(JSON.stringify(entry)).not.toContain('not-a-token-at-all')
  })

  it('cut body previews to the configured size', async () => {
    const s = await serveDefault({ config: { journalPreviewBytes: 20 } })
    await redcap(s, { token: ALICE_CLASSIC, content: 'record', format: 'json' })
    const [entry] = await journal(s.url)
    const body = entry?.response.body as { text: string; truncated: boolean; size: number }
    expect(body.truncated).toBe(true)
    expect(body.text).toHaveLength(20)
    expect(body.size).toBeGreaterThan(20)
  })
})

describe('GET /_standin/requests filters', () => {
  async function traffic() {
    const s = await serveDefault()
    await redcap(s, { token: ALICE_CLASSIC, content: 'version' })
    await redcap(s, { token: 'nope', content: 'version' })
    await fetch(`${s.url}/epicollect/api/export/entries/ec5-demo`)
    await s.control.clock.advance(60)
    await fetch(`${s.url}/redox/fhir/R4/redox-fhir-sandbox/Development/Patient`)
    return s
  }

  it('filter by provider, method, path glob, status, outcome and since', async () => {
    const s = await traffic()
    const paths = async (query: string) => (await journal(s.url, query)).map((e) => e.path)
    expect(await paths('?provider=redcap')).toEqual(['/redcap/api/', '/redcap/api/'])
    expect(await paths('?method=get')).toEqual([
      '/redox/fhir/R4/redox-fhir-sandbox/Development/Patient',
      '/epicollect/api/export/entries/ec5-demo',
    ])
    expect(await paths('?path=/redox/**/Patient')).toHaveLength(1)
    expect(await paths('?status=4xx&provider=redcap')).toEqual(['/redcap/api/'])
    expect(await paths('?status=200')).toEqual(['/redcap/api/'])
    expect(await paths('?outcome=ok')).toEqual(['/redcap/api/'])
    const since = (await s.control.clock.get()).now
    expect(await paths(`?since=${encodeURIComponent(since)}`)).toEqual([
      '/redox/fhir/R4/redox-fhir-sandbox/Development/Patient',
    ])
    expect(await paths('?provider=redcap&limit=1')).toHaveLength(1)
  })

  it('filter by credential', async () => {
    const s = await traffic()
    const [ok] = await journal(s.url, '?status=200')
    const id = (ok as { credentialId?: string }).credentialId
    expect(id).toBeDefined()
    expect((await journal(s.url, `?credential=${String(id)}`)).map((e) => e.id)).toEqual([ok?.id])
  })

  it('refuse unknown and malformed filters with a 400', async () => {
    const s = await serveDefault()
    expect(await control(s, '/requests?provder=redcap')).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid_request',
          message:
            'Unknown filter "provder". Filters: limit, provider, method, path, status, outcome, credential, since.',
        },
      },
    })
    for (const bad of [
      '?status=abc',
      '?outcome=fine',
      '?provider=x',
      '?since=yesterday',
      '?limit=0',
      '?method=GET&method=POST',
    ])
      expect((await control(s, `/requests${bad}`)).status, bad).toBe(400)
  })
})
