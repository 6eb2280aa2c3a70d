import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { providerBaseUrl, urlParts } from '../src/providers/base-url.js'

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

describe('urlParts', () => {
  it.each([
    'http://127.0.0.1:4010/redox/v2/auth/token',
    'http://127.0.0.1:80/a/b?x=1&y=2',
    'https://LOCALHOST:443/p?',
    'http://localhost:4010/p?q=1#frag',
    'http://localhost:4010/p#frag?not-a-query',
    'http://[::1]:4010/s/abc/epicollect/api/export/entries/x?per_page=50',
    'http://localhost:4010',
  ])('cuts %s as new URL does', (url) => {
    const { origin, pathname, search } = new URL(url)
    expect(urlParts(url)).toEqual({ origin, pathname, search })
  })
})
