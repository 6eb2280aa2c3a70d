import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_SUPER,
  call,
  control,
  CSV_TYPE,
  errorXml,
  startDefault,
  XML_TYPE,
} from './support.js'

const NO_PERMISSION = errorXml('You do not have permissions to use the API')
const refused = { status: 403, type: XML_TYPE, body: NO_PERMISSION }
const version = { status: 200, type: CSV_TYPE, body: '15.7.6' }

describe('REDCap token lifecycle', () => {
  it('gives a pending request no token until an administrator approves it', async () => {
    const t = await startDefault()
    const requested = await control(t, 'POST', '/projects/14/token-requests', { username: 'bob' })
    expect(requested).toEqual({ status: 200, body: { id: 'req-2', status: 'pending' } })
    const tokens = t.world.credentials.list((c) => c.subject === 'bob')
    expect(tokens).toEqual([])
    const approved = await control(t, 'POST', '/token-requests/req-2/approve')
    const token = (approved.body as { token: string }).token
    expect(token).toMatch(/^[0-9A-F]{32}$/)
    expect(await call(t, { token, content: 'version' })).toEqual(version)
  })

  it('leaves no token after a rejection', async () => {
    const t = await startDefault()
    expect(await control(t, 'POST', '/token-requests/req-1/reject')).toEqual({
      status: 200,
      body: { id: 'req-1', status: 'rejected' },
    })
    expect(t.world.credentials.list((c) => c.subject === 'bob')).toEqual([])
    expect(await control(t, 'POST', '/token-requests/req-1/approve')).toEqual({
      status: 409,
      body: { error: { code: 'conflict', message: 'Token request "req-1" is already rejected.' } },
    })
  })

  it('kills the old token at once when it is regenerated', async () => {
    const t = await startDefault()
    const regenerated = await control(t, 'POST', '/projects/13/users/alice/token/regenerate')
    const token = (regenerated.body as { token: string }).token
    expect(token).not.toBe(ALICE_CLASSIC)
    expect(await call(t, { token: ALICE_CLASSIC, content: 'version' })).toEqual(refused)
    expect(await call(t, { token, content: 'version' })).toEqual(version)
    const [entry] = t.journal.list(2).slice(1)
    expect(entry?.why).toMatch(/^token ABCDEF\.\.\. was regenerated at /)
  })

  it('kills the token at once when it is deleted, and the user may request again', async () => {
    const t = await startDefault()
    expect(await control(t, 'DELETE', '/projects/13/users/alice/token')).toEqual({
      status: 200,
      body: { status: 'deleted' },
    })
    expect(await call(t, { token: ALICE_CLASSIC, content: 'version' })).toEqual(refused)
    expect(await control(t, 'POST', '/projects/13/token-requests', { username: 'alice' })).toEqual({
      status: 200,
      body: { id: 'req-2', status: 'pending' },
    })
  })

  it('refuses a second request while a token exists, as the API page does', async () => {
    const t = await startDefault()
    expect(await control(t, 'POST', '/projects/13/token-requests', { username: 'alice' })).toEqual({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: 'Your API token request failed! - token already exists.',
        },
      },
    })
  })

  it('approves at once under auto_approve_all', async () => {
    const t = await startDefault()
    await t.request('/_standin/scenario', {
      method: 'POST',
      body: JSON.stringify({
        providers: {
          redcap: {
            tokenRequestType: 'auto_approve_all',
            projects: [{ id: 5, fixture: 'classic', users: [{ username: 'carol' }] }],
          },
        },
      }),
    })
    const requested = await control(t, 'POST', '/projects/5/token-requests', { username: 'carol' })
    const token = (requested.body as { token: string }).token
    expect(requested.body).toEqual({ id: 'req-1', status: 'approved', token })
    expect(await call(t, { token, content: 'version' })).toEqual(version)
  })

  it('accepts a super token for version only', async () => {
    const t = await startDefault()
    expect(await call(t, { token: ALICE_SUPER, content: 'version' })).toEqual(version)
    expect(await call(t, { token: ALICE_SUPER, content: 'metadata' })).toEqual(refused)
  })

  it('issues a new 64-hex super token that replaces the old one', async () => {
    const t = await startDefault()
    const issued = await control(t, 'POST', '/super-tokens', { username: 'alice' })
    const token = (issued.body as { token: string }).token
    expect(token).toMatch(/^[0-9A-F]{64}$/)
    expect(await call(t, { token, content: 'version' })).toEqual(version)
    expect(await call(t, { token: ALICE_SUPER, content: 'version' })).toEqual({
      status: 403,
      type: XML_TYPE,
      body: errorXml(
        "You do not have permissions to use the API 'Create Project' method. You must have been granted a 64-character Super API Token from a REDCap administrator in order to utilize this method.",
      ),
    })
  })

  it('refuses a token whose credential was revoked through /_standin/tokens', async () => {
    const t = await startDefault()
    const lookup = t.world.credentials.lookup('redcap', ALICE_CLASSIC)
    if (!lookup.found) throw new Error('seed token missing')
    await t.request(`/_standin/tokens/${lookup.credential.id}/revoke`, { method: 'POST' })
    expect(await call(t, { token: ALICE_CLASSIC, content: 'version' })).toEqual(refused)
  })

  it('matches tokens case-insensitively', async () => {
    const t = await startDefault()
    expect(await call(t, { token: ALICE_CLASSIC.toLowerCase(), content: 'version' })).toEqual(
      version,
    )
  })
})
