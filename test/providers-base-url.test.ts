import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { providerBaseUrl } from '../src/providers/base-url.js'

const app = new Hono().all('*', (c) => c.text(providerBaseUrl(c, '/redox')))

describe('providerBaseUrl', () => {
  it.each([
    ['http://127.0.0.1:4010/redox/v2/auth/token', {}, 'http://127.0.0.1:4010/redox'],
    ['http://127.0.0.1:4010/s/abc/redox/v2/auth/token', {}, 'http://127.0.0.1:4010/s/abc/redox'],
    [
      'http://localhost/redox/v2/auth/token',
      { 'standin-original-base': 'https://api.redoxengine.com/' },
      'https://api.redoxengine.com',
    ],
  ])('gives the base of %s', async (url, headers, base) => {
    expect(await (await app.request(url, { headers })).text()).toBe(base)
  })
})
