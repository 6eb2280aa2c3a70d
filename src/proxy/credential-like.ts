/**
 * Values in an upstream's answer that look like credentials, whatever standin knows of them: an
 * upstream can hand out secrets standin never issued (REDCap's project create answers with the new
 * project's API token; an OAuth answer carries tokens), and a recording must not keep them
 * (docs/security.md). Replaced by placeholders, as known secrets are.
 */
import type { ProviderId } from '../core/glossary.js'

/** A JSON member whose name says it holds a credential: `api_token`, `client_secret`, ... */
const CREDENTIAL_MEMBER =
  /"([A-Za-z_]*(?:token|secret|password|passwd|assertion|api_?key|apikey))"(\s*:\s*)"(?:[^"\\]|\\.)*"/gi
/** A compact JWT (JWS): three base64url parts, the first a JSON header (`{"` is `eyJ`). */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g
/** REDCap API tokens are 32 hex digits, super tokens 64. */
const REDCAP_TOKEN = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{32})(?![0-9A-Fa-f])/g

export function scrubCredentialLike(text: string, provider: ProviderId): string {
  let out = text.replace(
    CREDENTIAL_MEMBER,
    (_, name: string, colon: string) => `"${name}"${colon}"{{${name}}}"`,
  )
  out = out.replace(JWT, '{{jwt}}')
  // Every answer of a REDCap upstream is a token context: the API's answers are records, metadata
  // and tokens, and a 32- or 64-hex value among them is taken for a token.
  if (provider === 'redcap') out = out.replace(REDCAP_TOKEN, '{{redcap_token}}')
  return out
}
