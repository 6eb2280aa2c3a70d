/**
 * A POST body read as PHP reads `$_POST`: urlencoded or multipart, anything else (or a body PHP
 * cannot parse) as no parameters.
 */
import { ApiParams, type UploadedFile } from './params.js'

const utf8 = new TextDecoder()

/**
 * The parameters of a body; a promise only for multipart, whose parser is the platform's. Most
 * calls are urlencoded, and parse without waiting on anything. `text`: the bytes already decoded
 * as UTF-8, when the caller has them.
 */
export function parsePostBody(
  contentType: string | undefined,
  bytes: Uint8Array,
  text?: string,
): ApiParams | Promise<ApiParams> {
  const type = (contentType ?? '').toLowerCase()
  if (type.startsWith('multipart/form-data'))
    return parseMultipart(contentType, bytes).catch(() => new ApiParams())
  if (type.startsWith('application/x-www-form-urlencoded'))
    return ApiParams.fromForm(text ?? utf8.decode(bytes))
  return new ApiParams()
}

/**
 * The platform's multipart parser, over bytes already read (the proxy may have read them). A body
 * PHP cannot parse leaves $_POST empty: the call then fails on its missing token.
 */
async function parseMultipart(contentType: string | undefined, bytes: Uint8Array) {
  const body = new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': contentType ?? '' },
  })
  const entries: [string, string | UploadedFile][] = []
  for (const [key, value] of (await body.formData()).entries()) {
    entries.push([
      key,
      typeof value === 'string'
        ? value
        : { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) },
    ])
  }
  return new ApiParams(entries)
}
