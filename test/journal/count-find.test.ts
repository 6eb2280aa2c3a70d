import { describe, expect, it } from 'vitest'
import { ALICE_CLASSIC } from '../providers/redcap/support.js'
import { control, redcap, serveDefault } from './support.js'

describe('POST /_standin/requests/count and /find', () => {
  async function traffic() {
    const s = await serveDefault()
    await redcap(s, { token: ALICE_CLASSIC, content: 'record', format: 'json' })
    await redcap(s, { token: ALICE_CLASSIC, content: 'record', format: 'csv' })
    await redcap(s, { token: ALICE_CLASSIC, content: 'metadata', format: 'json' })
    await fetch(`${s.url}/redox/endpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trace': 'run-42-b' },
      body: JSON.stringify({ Meta: { DataModel: 'PatientSearch', EventType: 'Query' }, n: [1, 2] }),
    })
    return s
  }

  it('counts by method, path glob and form values (equals and contains)', async () => {
    const s = await traffic()
    const count = async (matcher: unknown) => (await control(s, '/requests/count', matcher)).body
    expect(await count({})).toEqual({ count: 4 })
    expect(await count({ method: 'post', path: '/redcap/**' })).toEqual({ count: 3 })
    expect(await count({ form: { content: 'record' } })).toEqual({ count: 2 })
    expect(await count({ form: { content: 'record', format: 'csv' } })).toEqual({ count: 1 })
    expect(await count({ form: { content: { contains: 'data' } } })).toEqual({ count: 1 })
    expect(await count({ form: { token: ALICE_CLASSIC } })).toEqual({ count: 0 })
    expect(await count({ provider: 'redcap', status: 200, outcome: 'ok' })).toEqual({ count: 3 })
  })

  it('finds by header and by a JSON body subset', async () => {
    const s = await traffic()
    const found = await control(s, '/requests/find', {
      headers: { 'X-Trace': { contains: '42' } },
      json: { Meta: { DataModel: 'PatientSearch' }, n: [2] },
    })
    expect(found.body).toMatchObject({
      requests: [{ path: '/redox/endpoint', method: 'POST' }],
      nearMisses: [],
    })
  })

  it('lists the nearest entries and what differed when nothing matches', async () => {
    const s = await traffic()
    const { body } = await control(s, '/requests/find', {
      method: 'POST',
      path: '/redcap/api/',
      form: { content: 'record', format: 'xml' },
    })
    expect(body).toMatchObject({
      requests: [],
      nearMisses: [
        {
          entry: { path: '/redcap/api/', request: { body: { form: { format: 'csv' } } } },
          differences: [{ part: 'form.format', expected: 'xml', actual: 'csv' }],
        },
        {
          entry: { request: { body: { form: { format: 'json', content: 'record' } } } },
          differences: [{ part: 'form.format', expected: 'xml', actual: 'json' }],
        },
        { differences: [{ part: 'form.content' }, { part: 'form.format' }] },
      ],
    })
  })

  it('refuses a matcher it does not understand', async () => {
    const s = await serveDefault()
    expect(await control(s, '/requests/count', { methd: 'GET' })).toMatchObject({ status: 400 })
    expect(await control(s, '/requests/find', { form: { a: { like: 'x' } } })).toMatchObject({
      status: 400,
    })
  })
})
