import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProviderId } from '../../src/core/glossary.js'
import { FsFixtureStore } from '../../src/node/fs-fixture-store.js'
import { Redactor } from '../../src/proxy/credentials.js'
import { toFixture, type ProxiedExchange } from '../../src/proxy/to-recording.js'

const encoder = new TextEncoder()

function answer(provider: ProviderId, contentType: string, body: string): ProxiedExchange {
  return {
    provider,
    request: {
      method: 'POST',
      mount: `/${provider}`,
      path: '/api/',
      query: '',
      contentType: undefined,
      body: null,
    },
    response: { status: 200, headers: { 'content-type': contentType }, body: encoder.encode(body) },
  }
}

const recorded = (exchange: ProxiedExchange) =>
  JSON.stringify(toFixture(exchange, new Redactor()).recording.response)

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz'

describe('recordings drop credentials standin never issued', () => {
  it("replaces the token REDCap's project create answers with, and 64-hex super tokens", () => {
    const project = recorded(
      answer('redcap', 'text/html; charset=utf-8', '9A3F0C1D2E4B5A6978C0D1E2F3A4B5C6'),
    )
    expect(project).not.toContain('9A3F0C1D2E4B5A6978C0D1E2F3A4B5C6')
    expect(project).toContain('{{redcap_token}}')
    const superToken = 'ab'.repeat(32)
    const users = recorded(
      answer('redcap', 'application/json', `[{"username":"ana","note":"${superToken}"}]`),
    )
    expect(users).not.toContain(superToken)
    expect(users).toContain('"username":"ana"')
  })

  it('replaces JWTs and members named like credentials, and keeps token_type and expires_in', () => {
    const oauth = recorded(
      answer(
        'epicollect',
        'application/json',
        JSON.stringify({ token_type: 'Bearer', expires_in: 7200, access_token: JWT }),
      ),
    )
    expect(oauth).not.toContain(JWT)
    expect(oauth).toContain('"token_type":"Bearer"')
    expect(oauth).toContain('"expires_in":7200')
    const nested = recorded(
      answer(
        'redox',
        'application/json',
        JSON.stringify({
          data: { api_key: 'k-123456789', clientSecret: 's-987654321', note: `id ${JWT}` },
        }),
      ),
    )
    for (const secret of ['k-123456789', 's-987654321', JWT]) expect(nested).not.toContain(secret)
    expect(nested).toContain('{{jwt}}')
  })

  it('leaves hex values alone outside REDCap, where they are not tokens', () => {
    const hash = 'deadbeef'.repeat(4)
    expect(recorded(answer('epicollect', 'application/json', `{"hash":"${hash}"}`))).toContain(hash)
  })
})

describe('recording files', () => {
  it('are written readable by their owner only, even over a file that was not', () => {
    const root = mkdtempSync(join(tmpdir(), 'standin-recordings-'))
    try {
      const store = new FsFixtureStore([root])
      writeFileSync(join(root, 'old.json'), '{}')
      chmodSync(join(root, 'old.json'), 0o644)
      store.write('old.json', '{"a":1}')
      store.write('redcap/new.json', '{"b":2}')
      expect(statSync(join(root, 'old.json')).mode & 0o777).toBe(0o600)
      expect(statSync(join(root, 'redcap/new.json')).mode & 0o777).toBe(0o600)
      expect(statSync(join(root, 'redcap')).mode & 0o077).toBe(0)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
