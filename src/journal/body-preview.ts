/**
 * Body previews: what the journal keeps of a body while the request is answered (`keepBody`: its
 * head, neither decoded nor redacted), and the preview built from that when the entry is read, or
 * at once from whole bytes (`previewBody`, which stubs' matchers use on live requests).
 */
import { parseForm, type Pair } from '../proxy/form.js'
import { boundaryOf, parseMultipart } from '../proxy/multipart.js'
import type { BodyPreview } from '../core/journal.js'
import { isTextual } from '../core/media-type.js'
import { utf8, utf8OrUndefined } from '../core/bytes.js'
import { redactText } from '../core/secrets.js'
import { encodeForm, toParams, type Scrub } from './preview.js'

const noScrub: Scrub = (text) => text

export function previewBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  previewBytes: number,
  scrub: Scrub = noScrub,
): BodyPreview {
  const base = { ...(contentType ? { contentType } : {}), size: bytes.length }
  if (previewBytes <= 0) return { ...base, truncated: bytes.length > 0, omitted: 'not kept' }
  return previewHead(new KeptBody(contentType, bytes.length, bytes, false), previewBytes, scrub)
}

/**
 * How far past the preview a kept head reaches: a credential that straddles the preview's end is
 * still whole when it is redacted, before the cut.
 */
const KEEP_MARGIN = 1024

/** A body as kept at request time: its first bytes or characters, neither decoded nor redacted. */
export class KeptBody {
  constructor(
    readonly contentType: string | undefined,
    /** The whole body's size in bytes. */
    readonly size: number,
    /** The whole body unless `cut`. */
    readonly head: Uint8Array | string,
    readonly cut: boolean,
  ) {}
}

/** What the journal holds of a body: kept to preview when the entry is read, or the preview. */
export type HeldBody = KeptBody | BodyPreview

/**
 * What the journal keeps of a body while the request is answered: the body itself when it is no
 * larger than the preview (plus a margin), else a copy of its head, so a large body is not held.
 * A form or multipart body too large for that is previewed at once: its fields are read from the
 * whole body.
 */
export function keepBody(
  body: string | Uint8Array,
  contentType: string | undefined,
  previewBytes: number,
  scrub: Scrub,
): HeldBody {
  if (previewBytes <= 0) {
    const size = sizeOf(body)
    return {
      ...(contentType ? { contentType } : {}),
      size,
      truncated: size > 0,
      omitted: 'not kept',
    }
  }
  const keep = previewBytes + KEEP_MARGIN
  if (body.length <= keep) return new KeptBody(contentType, sizeOf(body), body, false)
  if (boundaryOf(contentType) !== undefined || isForm(contentType)) {
    return previewBody(
      typeof body === 'string' ? utf8(body) : body,
      contentType,
      previewBytes,
      scrub,
    )
  }
  return new KeptBody(contentType, sizeOf(body), headOf(body, keep), true)
}

/** The preview of a held body, built when the journal entry is read. */
export function previewHeld(held: HeldBody, previewBytes: number, scrub: Scrub): BodyPreview {
  return held instanceof KeptBody ? previewHead(held, previewBytes, scrub) : held
}

/**
 * Heads copied from large bodies. A cached answer (a REDCap export, an Epicollect5 page) is the
 * same bytes request after request, so its head is copied once, not on every request.
 */
const heads = new WeakMap<Uint8Array, Uint8Array>()
let lastText:
  { readonly text: string; readonly keep: number; readonly head: Uint8Array } | undefined

/** A copy of the body's first `keep` bytes (characters, for text): the body itself is not held. */
function headOf(body: string | Uint8Array, keep: number): Uint8Array {
  if (typeof body === 'string') {
    if (lastText?.text !== body || lastText.keep !== keep)
      lastText = { text: body, keep, head: utf8(body.slice(0, keep)) }
    return lastText.head
  }
  let head = heads.get(body)
  if (head?.length !== keep) {
    head = body.slice(0, keep)
    heads.set(body, head)
  }
  return head
}

function sizeOf(body: string | Uint8Array): number {
  if (typeof body !== 'string') return body.length
  return typeof Buffer === 'undefined' ? utf8(body).length : Buffer.byteLength(body)
}

function isForm(contentType: string | undefined): boolean {
  return /^application\/x-www-form-urlencoded/i.test(contentType ?? '')
}

function previewHead(kept: KeptBody, previewBytes: number, scrub: Scrub): BodyPreview {
  const { contentType, size, cut } = kept
  const base = { ...(contentType ? { contentType } : {}), size }
  const boundary = cut || typeof kept.head === 'string' ? undefined : boundaryOf(contentType)
  if (boundary !== undefined && kept.head instanceof Uint8Array) {
    const pairs = parseMultipart(kept.head, boundary).map((part): Pair => {
      if (part.filename !== undefined)
        return [part.name, `<file "${part.filename}", ${String(part.body.length)} bytes>`]
      return [part.name, utf8OrUndefined(part.body) ?? `<${String(part.body.length)} bytes>`]
    })
    return { ...base, truncated: false, form: toParams(pairs, scrub), omitted: 'multipart' }
  }
  const text = !isTextual(contentType)
    ? undefined
    : typeof kept.head === 'string'
      ? kept.head
      : decodeHead(kept.head, cut)
  if (text === undefined) return { ...base, truncated: size > 0, omitted: 'binary' }
  const truncated = cut || text.length > previewBytes
  // Redacted before the cut, so a credential the cut would halve is still recognised whole.
  const clip = (redacted: string) =>
    redacted.length > previewBytes ? redacted.slice(0, previewBytes) : redacted
  if (!cut && isForm(contentType)) {
    const pairs = parseForm(text)
    return {
      ...base,
      text: clip(encodeForm(pairs, scrub)),
      truncated,
      form: toParams(pairs, scrub),
    }
  }
  return { ...base, text: clip(scrub(redactText(text))), truncated }
}

/**
 * The text of a body's first bytes, or undefined when they are not UTF-8. A head cut off inside a
 * character ends before that character.
 */
function decodeHead(bytes: Uint8Array, cut: boolean): string | undefined {
  if (!cut) return utf8OrUndefined(bytes)
  let end = bytes.length
  // Back up over the continuation bytes (10xxxxxx) and the lead byte of a character cut short.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back] ?? 0
    if ((byte & 0xc0) === 0x80) continue
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      if (length > back) end -= back
    }
    break
  }
  return utf8OrUndefined(bytes.subarray(0, end))
}
