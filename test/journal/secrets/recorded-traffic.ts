/**
 * Record mode: local credentials of each kind on routes standin forwards to the upstream, which it
 * answers with the upstream's credentials from the environment.
 */
import { PATIENT_SEARCH } from './redox-traffic.js'
import { multipart, type Secrets } from './secrets.js'
import type { Served } from './served.js'

/** In record mode: local credentials of each kind, on routes standin forwards upstream. */
export async function recordedTraffic(
  s: Served,
  secrets: Secrets,
  tokens: { epicollect: string; redox: string },
): Promise<void> {
  const token = secrets.byKind.get('REDCap token regenerated through the control API') ?? ''
  const etl = secrets.byKind.get('REDCap token, multipart') ?? ''
  const api = (body: BodyInit, query = '') =>
    fetch(`${s.url}/redcap/api/${query}`, { method: 'POST', body })
  await secrets.expect(
    'recorded urlencoded',
    await api(new URLSearchParams({ token, content: 'project', format: 'json' })),
  )
  await secrets.expect(
    'recorded multipart',
    await api(multipart({ token: etl, content: 'record', format: 'json' })),
  )
  await secrets.expect(
    'recorded query',
    await api(new URLSearchParams({ token, content: 'version' }), `?token=${token}`),
  )
  const bearer = (value: string) => ({ headers: { authorization: `Bearer ${value}` } })
  await secrets.expect(
    'recorded entries',
    await fetch(
      `${s.url}/epicollect/api/export/entries/ec5-river-watch`,
      bearer(tokens.epicollect),
    ),
  )
  await secrets.expect(
    'recorded fhir',
    await fetch(`${s.url}${PATIENT_SEARCH}`, bearer(tokens.redox)),
  )
}
