import { parse } from 'yaml'
import { expect, it } from 'vitest'
import { startStandin } from '../../src/testing/index.js'
import { serveDefault } from './support.js'

it('saves the world as a scenario that loads into a fresh standin and snapshots the same', async () => {
  const a = await serveDefault()
  await a.control.clock.advance(3600)
  const key = await a.control.redox.createApiKey({ name: 'Made by hand' })
  await a.control.stubs.add({
    provider: 'redcap',
    match: { form: { content: 'alerts' } },
    respond: { json: [] },
    times: 2,
  })
  const response = await fetch(`${a.url}/_standin/snapshot`)
  const omitted = response.headers.get('standin-snapshot-omitted') ?? ''
  const first = (await response.json()) as Record<string, unknown>
  expect(first).toMatchObject({
    clock: { start: (await a.control.clock.get()).now },
    stubs: [{ provider: 'redcap', times: 2, respond: { json: [] } }],
  })
  expect(JSON.stringify(first)).toContain(key.clientId)
  // The default scenario's REDCap tokens and the legacy Redox secret are secrets: left out, named.
  expect(omitted).toContain('providers.redcap.projects[0].users[0].token')
  expect(omitted).toContain('providers.redox.legacyKeys[0].secret')
  expect(JSON.stringify(first)).not.toContain('ABCDEF0123456789ABCDEF0123456789')

  const b = await startStandin({ scenario: first })
  try {
    const second = await b.control.snapshot()
    expect(second).toEqual(first)
    expect((await b.control.redox.apiKeys()).map((k) => k.clientId)).toContain(key.clientId)
    const yaml = await fetch(`${b.url}/_standin/snapshot?format=yaml`)
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8')
    expect(parse(await yaml.text())).toEqual(first)
  } finally {
    await b.close()
  }
})
