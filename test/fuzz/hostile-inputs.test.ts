/**
 * The inputs an attacker reaches for first: nesting thousands deep, numbers at the edge of what a
 * double holds, path patterns that make a backtracking matcher run for minutes, bodies over the
 * limit. Each must get a 4xx in the provider's own envelope (never a 5xx) within a bound no
 * backtracking matcher meets: the 60-`a` pattern below took one of those 27 s.
 */
import { describe, expect, it } from 'vitest'
import { providers } from '../../src/providers/index.js'
import { createTestStandin } from '../../src/testing/index.js'
import { ALICE_CLASSIC, ALICE_SUPER } from '../providers/redcap/support.js'
import { signAssertion, tokenForm } from '../providers/redox/support.js'
import { withinBound } from './bound.js'
import * as envelope from './envelopes.js'

/** Far above what any of these takes, far below what a backtracking matcher needs. */
const ANSWER_BOUND_MS = 2_000

const t = await createTestStandin({ providers, scenario: 'default' })
const REDOX_CLIENT = '0d6f2c1e-8b4a-4f7e-9c3d-5a1b2e3f4d50'
const TOKEN_URL = 'http://localhost/redox/v2/auth/token'
const FHIR = '/redox/fhir/R4/redox-fhir-sandbox/Development'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const JSON_TYPE = { 'content-type': 'application/json' }

/** Sends one request and fails if no answer comes within the bound. */
function send(path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  return withinBound(
    (async () => {
      const response = await t.request(path, init)
      return { status: response.status, text: await response.text() }
    })(),
    ANSWER_BOUND_MS,
    path,
  )
}

function expectRefusal(
  answer: { status: number; text: string },
  envelopeOf: envelope.Envelope,
  status?: number,
) {
  if (status === undefined) {
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
  } else expect(answer.status).toBe(status)
  expect(envelopeOf(answer.text), answer.text.slice(0, 300)).toBe(true)
}

const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const deepXml = (depth: number, root = 'records') =>
  `<?xml version="1.0" encoding="UTF-8" ?><${root}>${'<item>'.repeat(depth)}x${'</item>'.repeat(depth)}</${root}>`
const redcap = (params: Record<string, string>) =>
  send('/redcap/api/', { method: 'POST', headers: FORM, body: new URLSearchParams(params) })

describe('deep nesting', () => {
  it.each([
    [
      'record import, XML 150 deep',
      { content: 'record', format: 'xml', data: deepXml(150) },
      'xml',
    ],
    [
      'record import, XML 100,000 deep',
      { content: 'record', format: 'xml', data: deepXml(100_000) },
      'xml',
    ],
    ['record import, XML with no format', { content: 'record', data: deepXml(500) }, 'xml'],
    [
      'record import, JSON 5,000 deep',
      { content: 'record', format: 'json', data: deepJson(5_000) },
      'json',
    ],
    [
      'record import, a JSON value 5,000 deep',
      { content: 'record', format: 'json', data: `[{"record_id":${deepJson(5_000)}}]` },
      'json',
    ],
    [
      'metadata import, JSON 5,000 deep',
      { content: 'metadata', format: 'json', data: deepJson(5_000) },
      'json',
    ],
    [
      'metadata import, XML 500 deep',
      { content: 'metadata', format: 'xml', data: deepXml(500) },
      'xml',
    ],
    [
      'arm import, JSON 5,000 deep',
      { content: 'arm', format: 'json', data: deepJson(5_000) },
      'json',
    ],
    [
      'record export, filterLogic in 2,000 parentheses',
      {
        content: 'record',
        format: 'json',
        filterLogic: `${'('.repeat(2_000)}[record_id] = '1'${')'.repeat(2_000)}`,
      },
      'json',
    ],
    [
      'record export, filterLogic with 2,000 nots',
      {
        content: 'record',
        format: 'json',
        filterLogic: `${'not '.repeat(2_000)}[record_id] = '1'`,
      },
      'json',
    ],
  ] as const)('REDCap refuses %s with 400 in its envelope', async (_label, params, format) => {
    const answer = await redcap({ token: ALICE_CLASSIC, returnFormat: format, ...params })
    expectRefusal(answer, format === 'xml' ? envelope.redcapXml : envelope.redcapJson, 400)
  })

  it('REDCap still filters on a long flat chain of conditions, which nests nothing', async () => {
    const chain = Array.from({ length: 5_000 }, () => "[record_id] <> 'x'").join(' and ')
    const answer = await redcap({
      token: ALICE_CLASSIC,
      content: 'record',
      format: 'json',
      filterLogic: chain,
    })
    expect(answer.status).toBe(200)
    expect((JSON.parse(answer.text) as unknown[]).length).toBeGreaterThan(0)
  })

  it.each([
    ['project data, JSON 5,000 deep', { format: 'json', data: deepJson(5_000) }, 'json'],
    ['project data, XML 500 deep', { format: 'xml', data: deepXml(500, 'item') }, 'xml'],
    [
      'an ODM file 500 deep',
      { format: 'json', data: '[{"project_title":"x","purpose":0}]', odm: deepXml(500, 'ODM') },
      'json',
    ],
  ] as const)('REDCap project creation refuses %s with 400', async (_label, params, format) => {
    const answer = await redcap({
      token: ALICE_SUPER,
      content: 'project',
      returnFormat: format,
      ...params,
    })
    expectRefusal(answer, format === 'xml' ? envelope.redcapXml : envelope.redcapJson, 400)
  })

  it('Epicollect5 reads a token request nested 5,000 deep as no parameters', async () => {
    const answer = await send('/epicollect/api/oauth/token', {
      method: 'POST',
      headers: JSON_TYPE,
      body: deepJson(5_000),
    })
    expectRefusal(answer, envelope.epicollect)
  })

  it('the control plane refuses a body nested 5,000 deep', async () => {
    for (const path of ['/_standin/clock', '/_standin/scenario', '/_standin/overrides']) {
      const answer = await send(path, {
        method: 'POST',
        headers: JSON_TYPE,
        body: `{"a":${deepJson(5_000)}}`,
      })
      expectRefusal(answer, envelope.control)
    }
  })
})

async function redoxBearer(): Promise<string> {
  const assertion = await signAssertion({ clientId: REDOX_CLIENT, aud: TOKEN_URL })
  const answer = await send('/redox/v2/auth/token', {
    method: 'POST',
    headers: FORM,
    body: tokenForm(assertion),
  })
  return (JSON.parse(answer.text) as { access_token: string }).access_token
}

describe('huge and odd numbers', () => {
  it.each([
    ['iat', 1e308],
    ['iat', -1e308],
    ['iat', 1e20],
    ['iat', 8.64e15],
    ['iat', 'NaN'],
    ['iat', 1.5e300],
    ['nbf', 1e308],
    ['exp', -1e308],
  ])('Redox refuses an assertion with %s %s in its OAuth envelope', async (claim, value) => {
    const assertion = await signAssertion({
      clientId: REDOX_CLIENT,
      aud: TOKEN_URL,
      claims: { [claim]: value },
    })
    const answer = await send('/redox/v2/auth/token', {
      method: 'POST',
      headers: FORM,
      body: tokenForm(assertion),
    })
    expectRefusal(answer, envelope.redoxOAuth, 400)
  })

  it('Redox answers a FHIR $operation nested 5,000 deep in its envelope', async () => {
    const bearer = await redoxBearer()
    const answer = await send(`${FHIR}/Bundle/$process-message`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json' },
      body: `{"resourceType":"Bundle","type":"message","entry":[{"resource":{"resourceType":"MessageHeader","eventUri":"urn:x","focus":${deepJson(5_000)}}}]}`,
    })
    expectRefusal(answer, envelope.redoxFhir)
  })

  it('Redox answers a Data Model message nested 5,000 deep in its envelope', async () => {
    const bearer = await redoxBearer()
    const answer = await send('/redox/endpoint', {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, ...JSON_TYPE },
      body: `{"Meta":{"DataModel":"PatientAdmin","EventType":"Arrival","Destinations":[{"ID":"d"}],"Echoed":${deepJson(5_000)}}}`,
    })
    expectRefusal(answer, envelope.redoxDataModel)
  })

  it.each([
    ['advance', { advance: 1e308 }],
    ['advance', { advance: 8.64e12 }],
    ['set', { set: '9999-12-31T23:59:59Z', advance: 1 }],
  ])('the control plane refuses a clock %s past year 9999', async (_label, body) => {
    const answer = await send('/_standin/clock', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(body),
    })
    expectRefusal(answer, envelope.control, 400)
  })

  it('every provider still answers with the clock at the end of year 9999', async () => {
    const u = await createTestStandin({ providers, scenario: 'default' })
    const moved = await u.request('/_standin/clock', {
      method: 'POST',
      body: JSON.stringify({ set: '9999-12-31T23:59:59Z' }),
    })
    expect(moved.status).toBe(200)
    const answers = [
      await u.request('/redcap/api/', {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({
          token: ALICE_CLASSIC,
          content: 'record',
          format: 'json',
          data: '[{"record_id":"99"}]',
        }),
      }),
      await u.request('/redcap/api/', {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({ token: ALICE_CLASSIC, content: 'log', format: 'json' }),
      }),
      await u.request('/epicollect/api/oauth/token', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: 153,
          client_secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG',
        }),
      }),
      await u.request('/_standin/tokens'),
      await u.request('/_standin/state'),
    ]
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
  })

  it.each([
    ['/epicollect/api/export/entries/ec5-river-watch?per_page=1e308&page=1e308'],
    ['/epicollect/api/export/entries/ec5-river-watch?per_page=-1e308&page=99999999999999999999'],
    [`${FHIR}/Patient?_count=1e308`],
  ])('never answers %s with a 5xx', async (path) => {
    const answer = await send(path)
    expect(answer.status).toBeLessThan(500)
  })
})

describe('pathological path patterns', () => {
  const patterns = ['/*a*a*a*a*a*a*a*b', '/**/a/**/a/**/a/**/a/**/a/**/b', `/${'*'.repeat(500)}b`]
  const paths = [`/${'a'.repeat(60)}`, '/a'.repeat(2_000), `/${'a'.repeat(100_000)}`]

  it.each(patterns)('an override on %s answers every request at once', async (pattern) => {
    const added = await send('/_standin/overrides', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ provider: 'epicollect', path: pattern, outcome: 'expired' }),
    })
    expect(added.status).toBe(201)
    for (const path of paths) {
      const answer = await send(`/epicollect${path}`)
      expectRefusal(answer, envelope.epicollect)
    }
    await send('/_standin/overrides', { method: 'DELETE' })
  })

  it.each(patterns)('a route rule on %s answers every request at once', async (pattern) => {
    const put = await send('/_standin/routes', {
      method: 'PUT',
      headers: JSON_TYPE,
      body: JSON.stringify({ routes: [{ provider: 'epicollect', path: pattern, mode: 'replay' }] }),
    })
    expect(put.status).toBe(200)
    for (const path of paths) {
      const answer = await send(`/epicollect${path}`)
      expectRefusal(answer, envelope.epicollect)
    }
    await send('/_standin/routes', { method: 'PUT', headers: JSON_TYPE, body: '{"routes":[]}' })
  })

  it('a scripted event on a pathological pattern answers at once', async () => {
    const loaded = await send('/_standin/scenario', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({
        providers: {},
        events: [
          { afterRequests: 1, match: { path: patterns[0] }, do: { action: 'fail', status: 503 } },
        ],
      }),
    })
    expect(loaded.status).toBe(200)
    for (const path of paths) expectRefusal(await send(`/epicollect${path}`), envelope.epicollect)
  })

  it('refuses a pattern longer than 1,024 characters', async () => {
    const answer = await send('/_standin/overrides', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ path: `/${'*a'.repeat(600)}` }),
    })
    expectRefusal(answer, envelope.control, 400)
  })
})

describe('scenarios that name what is not there', () => {
  it.each([
    [
      'a missing REDCap fixture',
      { redcap: { projects: [{ id: 1, fixture: 'no-such-fixture' }] } },
      'no-such-fixture',
    ],
    [
      'two REDCap projects with one id',
      {
        redcap: {
          projects: [
            { id: 1, fixture: 'classic' },
            { id: 1, fixture: 'classic' },
          ],
        },
      },
      'id 1',
    ],
    [
      'an app for an unknown Epicollect5 project',
      { epicollect: { apps: [{ project: 'no-such-project', name: 'Some app' }] } },
      'no-such-project',
    ],
    [
      'a missing Redox key fixture',
      {
        redox: {
          apiKeys: [
            { clientId: 'c', name: 'App', publicKeys: [{ fixture: 'redox/keys/none.json' }] },
          ],
        },
      },
      'none.json',
    ],
  ])(
    'refuses %s with 400 naming it, and keeps the world it had',
    async (_label, section, named) => {
      const before = await send('/_standin/state')
      const answer = await send('/_standin/scenario', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ name: 'broken', providers: section }),
      })
      expectRefusal(answer, envelope.control, 400)
      expect(answer.text).toContain(named)
      expect((await send('/_standin/state')).text).toBe(before.text)
    },
  )
})

describe('bodies over the limit', () => {
  const big = 'x'.repeat(t.world.config.bodyLimitBytes + 1)
  it.each([
    ['/redcap/api/', envelope.redcapApache],
    ['/epicollect/api/oauth/token', envelope.epicollect],
    ['/redox/v2/auth/token', envelope.redoxOAuth],
  ] as const)('%s answers 413 in its envelope', async (path, envelopeOf) => {
    const answer = await send(path, { method: 'POST', headers: FORM, body: big })
    expectRefusal(answer, envelopeOf, 413)
  })
})
