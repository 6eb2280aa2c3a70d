/**
 * Epicollect5's secrets as its clients send them: client secrets in JSON, urlencoded and multipart
 * token requests and in HTTP Basic, an app the control API creates, and the bearer tokens they buy
 * on the export routes.
 */
import { basic, json, multipart, type Secrets } from './secrets.js'
import type { Served } from './served.js'

const EC5_RIVER = { id: 153, secret: 'XUA4Ys657g7TrJc1XIe4ske2Ho3IvAUQviGMA6aG' }
const EC5_BIRDS = { id: 154, secret: '1smQvlGenTMIpkKsCYKmjxFYTeulRCmUfxkqRqp9' }

export async function epicollectTraffic(s: Served, secrets: Secrets): Promise<string> {
  const tokenUrl = `${s.url}/epicollect/api/oauth/token`
  const grant = { grant_type: 'client_credentials' }
  const river = secrets.add('Epicollect5 client secret', EC5_RIVER.secret)
  const birds = secrets.add('Epicollect5 client secret (second app)', EC5_BIRDS.secret)
  const tokens: string[] = []
  const ask = async (label: string, body: BodyInit, headers: Record<string, string> = {}) => {
    const answer = await json<{ access_token: string }>(
      await fetch(tokenUrl, { method: 'POST', body, headers }),
    )
    tokens.push(secrets.add(`Epicollect5 access token (${label})`, answer.access_token))
  }
  await ask('JSON', JSON.stringify({ ...grant, client_id: EC5_RIVER.id, client_secret: river }), {
    'content-type': 'application/json',
  })
  await ask(
    'form',
    new URLSearchParams({ ...grant, client_id: String(EC5_BIRDS.id), client_secret: birds }),
  )
  await ask(
    'multipart',
    multipart({ ...grant, client_id: String(EC5_RIVER.id), client_secret: river }),
  )
  await ask('Basic', new URLSearchParams(grant), {
    authorization: basic(String(EC5_BIRDS.id), birds),
  })
  secrets.add('Epicollect5 Basic credentials', basic(String(EC5_BIRDS.id), birds).slice(6))

  // An app the control API creates: its answer shows the secret once.
  const app = await json<{ client_id: number; client_secret: string }>(
    await s.control('/epicollect/projects/ec5-urban-trees/app', {
      method: 'POST',
      body: JSON.stringify({ name: 'Secrets' }),
    }),
  )
  const trees = secrets.add(
    'Epicollect5 client secret issued by the control API',
    app.client_secret,
  )
  await ask(
    'control app',
    new URLSearchParams({ ...grant, client_id: String(app.client_id), client_secret: trees }),
  )

  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })
  // A new token for an app replaces its last one: the newest of each app is live.
  const [, , riverToken, birdsToken] = tokens
  await secrets.expect(
    'entries',
    await fetch(`${s.url}/epicollect/api/export/entries/ec5-river-watch`, bearer(riverToken ?? '')),
  )
  await secrets.expect(
    'project',
    await fetch(
      `${s.url}/epicollect/api/export/project/ec5-school-bird-count`,
      bearer(birdsToken ?? ''),
    ),
  )
  return riverToken ?? ''
}
