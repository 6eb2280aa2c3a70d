/**
 * REDCap's secrets as its clients send them: API tokens in urlencoded and multipart bodies and a
 * query string, super tokens (version, project create), tokens the control API approves and
 * regenerates, a password field, Cookie and Authorization headers, and the admin token sent to a
 * provider route.
 */
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  ALICE_SUPER,
  ETL_CLASSIC,
} from '../../providers/redcap/support.js'
import { basic, json, multipart, type Secrets } from './secrets.js'
import { ADMIN_TOKEN, type Served } from './served.js'

export async function redcapTraffic(s: Served, secrets: Secrets): Promise<void> {
  const api = (body: BodyInit, init: RequestInit = {}, query = '') =>
    fetch(`${s.url}/redcap/api/${query}`, { method: 'POST', body, ...init })
  const form = (fields: Record<string, string>) => new URLSearchParams(fields)
  const alice = secrets.add('REDCap token, urlencoded', ALICE_CLASSIC)
  await secrets.expect('urlencoded', await api(form({ token: alice, content: 'version' })))
  const etl = secrets.add('REDCap token, multipart', ETL_CLASSIC)
  await secrets.expect(
    'multipart',
    await api(multipart({ token: etl, content: 'record', format: 'json' })),
  )
  const long = secrets.add('REDCap token, query string', ALICE_LONG)
  await secrets.expect(
    'query',
    await api(form({ token: long, content: 'version' }), {}, `?token=${long}`),
  )
  const superToken = secrets.add('REDCap super token', ALICE_SUPER)
  await secrets.expect('super version', await api(form({ token: superToken, content: 'version' })))
  const data = JSON.stringify([{ project_title: 'Secrets', purpose: '0' }])
  const created = await api(form({ token: superToken, content: 'project', format: 'json', data }))
  secrets.add('REDCap token answered by project create', await secrets.expect('create', created))

  const password = secrets.add('password field', 'correct-horse-battery-staple')
  const headers = {
    cookie: `PHPSESSID=${secrets.add('Cookie', 'cookie-session-6b1d2f0e9a8c7b6d')}`,
    'proxy-authorization': basic(
      'proxyuser',
      secrets.add('Proxy-Authorization', 'proxy-pass-5e4d3c2b1a'),
    ),
    authorization: basic('webuser', secrets.add('Authorization', 'basic-pass-0a9b8c7d6e5f')),
    'x-password': secrets.add('a header named like a password', 'header-pass-1f2e3d4c5b'),
  }
  await secrets.expect(
    'password and headers',
    await api(
      form({ token: alice, content: 'version', password }),
      { headers },
      `?password=${password}`,
    ),
  )
  // A JSON body REDCap does not read: its preview is still kept.
  await secrets.expect(
    'json body',
    await api(JSON.stringify({ token: alice, password }), {
      headers: { 'content-type': 'application/json' },
    }),
    403,
  )
  // The admin token sent where it does not belong, in both places the control plane reads it.
  await secrets.expect(
    'admin token on a provider route',
    await api(form({ token: alice, content: 'version' }), {
      headers: { 'standin-admin-token': ADMIN_TOKEN },
    }),
  )
  secrets.add('admin token', ADMIN_TOKEN)

  // Tokens the control API hands out: its answers carry them by design, nothing else may.
  const issued = await json<{ token: string }>(
    await s.control('/redcap/super-tokens', {
      method: 'POST',
      body: JSON.stringify({ username: 'bob' }),
    }),
  )
  const bobSuper = secrets.add('REDCap super token issued by the control API', issued.token)
  await secrets.expect('issued super', await api(form({ token: bobSuper, content: 'version' })))
  const { requests } = await json<{ requests: { id: string; username: string; status: string }[] }>(
    await s.control('/redcap/token-requests'),
  )
  const pending = requests.find((r) => r.username === 'bob' && r.status === 'pending')
  if (!pending) throw new Error('no pending token request of bob')
  const approved = await json<{ token: string }>(
    await s.control(`/redcap/token-requests/${pending.id}/approve`, { method: 'POST' }),
  )
  const bob = secrets.add('REDCap token approved through the control API', approved.token)
  await secrets.expect(
    'approved',
    await api(multipart({ token: bob, content: 'record', format: 'csv' })),
  )
  const regenerated = await json<{ token: string }>(
    await s.control('/redcap/projects/13/users/alice/token/regenerate', { method: 'POST' }),
  )
  const fresh = secrets.add('REDCap token regenerated through the control API', regenerated.token)
  await secrets.expect('regenerated', await api(form({ token: fresh, content: 'record' })))
  // The old token is refused now, and a refused secret is still a secret.
  await secrets.expect('old token', await api(form({ token: alice, content: 'record' })), 403)
}
