/**
 * The POST body read as PHP reads `$_POST`: urlencoded or multipart, anything else (or a body PHP
 * cannot parse) as no parameters.
 */
import type { Context } from 'hono'
import { readAll } from '../../../proxy/bytes.js'
import { ApiParams, type UploadedFile } from './params.js'

interface Body {
  text(): Promise<string>
  formData(): Promise<FormData>
}

const utf8 = new TextDecoder()

/**
 * The route's read, urlencoded or multipart, through Hono's cached bytes. Bytes,
 * not `c.req.text()`: a proxied call has read them already, and hono derives text from cached
 * bytes through a whole Response.
 */
export function readParams(c: Context): Promise<ApiParams> {
  return parseParams(c.req.header('content-type'), {
    text: async () => utf8.decode(await c.req.arrayBuffer()),
    // From the cached bytes too, so the journal can show what was posted.
    formData: async () =>
      new Response(await c.req.arrayBuffer(), {
        headers: { 'content-type': c.req.header('content-type') ?? '' },
      }).formData(),
  })
}

/**
 * The same read for a body no route has read yet, giving up (no parameters) beyond `limit` bytes:
 * the body limit has not run, and the caller only needs a parameter or two.
 */
export async function readParamsUpTo(c: Context, limit: number): Promise<ApiParams> {
  const type = c.req.header('content-type')
  try {
    const bytes = await readAll(c.req.raw.body, limit)
    const copy = new Response(bytes.slice(), { headers: { 'content-type': type ?? '' } })
    return await parseParams(type, copy)
  } catch {
    return new ApiParams([])
  }
}

async function parseParams(contentType: string | undefined, body: Body): Promise<ApiParams> {
  const type = (contentType ?? '').toLowerCase()
  try {
    if (type.startsWith('multipart/form-data')) {
      const form = await body.formData()
      const entries: [string, string | UploadedFile][] = []
      for (const [key, value] of form.entries()) {
        entries.push([
          key,
          typeof value === 'string'
            ? value
            : {
                name: value.name,
                type: value.type,
                bytes: new Uint8Array(await value.arrayBuffer()),
              },
        ])
      }
      return new ApiParams(entries)
    }
    if (type.startsWith('application/x-www-form-urlencoded'))
      return new ApiParams(new URLSearchParams(await body.text()))
  } catch {
    // A body PHP cannot parse leaves $_POST empty: the call fails on its missing token.
  }
  return new ApiParams([])
}
