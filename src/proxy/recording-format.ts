/**
 * The recording format under `fixtures/recordings/<provider>/`: one JSON file per exchange, the same
 * whether standin wrote it in record mode or a person wrote it by hand, and what replay reads.
 * Bodies are kept readable: form fields as pairs, multipart as parts, JSON as JSON, other text as
 * text, anything binary as base64.
 */
import { z } from 'zod'
import { onFirstUse } from '../core/first-use.js'

function buildRecordingSchema() {
  const pair = z.tuple([z.string(), z.string()])
  const part = z
    .object({
      name: z.string(),
      filename: z.string().optional(),
      contentType: z.string().optional(),
      text: z.string().optional(),
      base64: z.string().optional(),
    })
    .strict()
  const body = z.union([
    z.object({ form: z.array(pair) }).strict(),
    z.object({ multipart: z.array(part) }).strict(),
    z.object({ json: z.unknown() }).strict(),
    z.object({ text: z.string() }).strict(),
    z.object({ base64: z.string() }).strict(),
  ])
  const recorded = z
    .object({
      /** When the exchange was recorded (the real clock): drift replays recordings in this order. */
      at: z.string().optional(),
      /** Orders exchanges recorded in the same millisecond. */
      seq: z.number().int().nonnegative().optional(),
      /** The app's local credential that standin checked, by identity only (never its secret). */
      credential: z
        .object({
          kind: z.string(),
          subject: z.string(),
          attributes: z.record(z.string(), z.string()).default({}),
        })
        .strict()
        .optional(),
    })
    .strict()
  return z
    .object({
      recorded: recorded.optional(),
      request: z
        .object({
          method: z.string().min(1),
          /** The standin mount it arrived on (`/redox-ca`): the same path on two hosts differs. */
          mount: z.string().startsWith('/'),
          path: z.string().startsWith('/'),
          query: z.array(pair).default([]),
          contentType: z.string().optional(),
          body: body.optional(),
        })
        .strict(),
      response: z
        .object({
          status: z.number().int().min(100).max(599),
          headers: z.record(z.string(), z.string()).default({}),
          body: body.optional(),
        })
        .strict(),
    })
    .strict()
}

/** Built on first use: only replay reads recordings, and a start should not pay for the schema. */
export const recordingSchema = onFirstUse(buildRecordingSchema)

export type Recording = z.output<ReturnType<typeof buildRecordingSchema>>
export type RecordedRequest = Recording['request']
export type RecordedResponse = Recording['response']
export type RecordedBody = NonNullable<RecordedRequest['body']>
export type RecordedContext = NonNullable<Recording['recorded']>
export type RecordedPart = Extract<RecordedBody, { multipart: unknown }>['multipart'][number]
