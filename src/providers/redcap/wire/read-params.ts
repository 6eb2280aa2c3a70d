/**
 * A POST body read as PHP reads `$_POST`: urlencoded or multipart, anything else (or a body PHP
 * cannot parse) as no parameters.
 */
import { ApiParams, type UploadedFile } from './params.js'

const utf8 = new TextDecoder()

export async function parsePostBody(
  contentType: string | undefined,
  bytes: Uint8Array,
): Promise<ApiParams> {
  const type = (contentType ?? '').toLowerCase()
  try {
    if (type.startsWith('multipart/form-data')) return await parseMultipart(contentType, bytes)
    if (type.startsWith('application/x-www-form-urlencoded'))
      return new ApiParams(new URLSearchParams(utf8.decode(bytes)))
  } catch {
    // A body PHP cannot parse leaves $_POST empty: the call fails on its missing token.
  }
  return new ApiParams([])
}

/** The platform's multipart parser, over bytes already read (the proxy may have read them). */
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
