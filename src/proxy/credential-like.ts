/**
 * Values in an upstream's answer that look like credentials, whatever standin knows of them: an
 * upstream can hand out secrets standin never issued (REDCap's project create answers with the new
 * project's API token; an OAuth answer carries tokens), and a recording must not keep them
 * (docs/security.md). Replaced by placeholders, as known secrets are; the shapes are
 * core/secrets.ts's.
 */
import type { ProviderId } from '../core/glossary.js'
import { replaceCredentialLikeMembers, replaceJwts, replaceRedcapTokens } from '../core/secrets.js'

export function scrubCredentialLike(text: string, provider: ProviderId): string {
  let out = replaceCredentialLikeMembers(text, (name) => `{{${name}}}`)
  out = replaceJwts(out, '{{jwt}}')
  // Every answer of a REDCap upstream is a token context: the API's answers are records, metadata
  // and tokens, and a 32- or 64-hex value among them is taken for a token.
  if (provider === 'redcap') out = replaceRedcapTokens(out, '{{redcap_token}}')
  return out
}
