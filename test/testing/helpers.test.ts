import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectRequests,
  signRedoxAssertion,
  startStandin,
  type StartedStandin,
} from '../../src/testing/index.js'

let s: StartedStandin
beforeAll(async () => {
  s = await startStandin({ scenario: 'default' })
})
afterAll(() => s.close())

async function redoxToken(assertion: string): Promise<number> {
  const response = await fetch(`${s.url}/redox/v2/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  })
  return response.status
}

describe('signRedoxAssertion', () => {
  it("signs for the default scenario's key with the demo key, for Redox's or standin's URL", async () => {
    expect(await redoxToken(await signRedoxAssertion())).toBe(200)
    expect(
      await redoxToken(await signRedoxAssertion({ aud: `${s.url}/redox/v2/auth/token` })),
    ).toBe(200)
    expect(await redoxToken(await signRedoxAssertion({ clientId: 'not-a-client' }))).toBe(400)
  })

  it('signs with a generated key of a new API key', async () => {
    const key = await s.control.redox.createApiKey({ name: 'helper test' })
    const assertion = await signRedoxAssertion({
      key: key.privateJwk as never,
      clientId: key.clientId,
    })
    expect(await redoxToken(assertion)).toBe(200)
  })
})

describe('expectRequests', () => {
  it('passes on the right count and explains a wrong one with near misses', async () => {
    await s.control.reset()
    await fetch(`${s.url}/redcap/api/`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'ABCDEF0123456789ABCDEF0123456789', content: 'version' }),
    })
    await expectRequests(s.control, { form: { content: 'version' } }).toHaveCount(1)
    await expectRequests(s.control, { path: '/redcap/**' }).toHaveBeenMade()
    await expectRequests(s.control, { path: '/epicollect/**' }).notToHaveBeenMade()
    await expect(
      expectRequests(s.control, { form: { content: 'record' } }).toHaveCount(1),
    ).rejects.toThrow(
      /found 0\.\nNear misses:\n {2}#\d+ POST \/redcap\/api\/ \(200\): form\.content: expected "record", got "version"/,
    )
  })
})

describe('the package exports', () => {
  it('resolve standin/fixtures/... to the demo keys', () => {
    const require = createRequire(import.meta.url)
    const file = require.resolve('standin/fixtures/redox/keys/demo-private.jwk.json')
    expect(file).toMatch(/fixtures\/redox\/keys\/demo-private\.jwk\.json$/)
    expect((require(file) as { kid: string }).kid).toBe(
      'aDLDzt_XlIR4vx299KX8Gw0fZTCMGRRgWo-seOMwf1k',
    )
  })
})
