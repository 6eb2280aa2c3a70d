/**
 * The recording format under `fixtures/recordings/<provider>/`: one JSON file per exchange, the same
 * whether standin wrote it in record mode or a person wrote it by hand, and what replay reads.
 * Bodies are kept readable: form fields as pairs, multipart as parts, JSON as JSON, other text as
 * text, anything binary as base64.
 */
import { z } from 'zod'

const PairSchema = z.tuple([z.string(), z.string()])

const PartSchema = z
  .object({
    name: z.string(),
    filename: z.string().optional(),
    contentType: z.string().optional(),
    text: z.string().optional(),
    base64: z.string().optional(),
  })
  .strict()

export const RecordedBodySchema = z.union([
  z.object({ form: z.array(PairSchema) }).strict(),
  z.object({ multipart: z.array(PartSchema) }).strict(),
  z.object({ json: z.unknown() }).strict(),
  z.object({ text: z.string() }).strict(),
  z.object({ base64: z.string() }).strict(),
])

export const RecordingSchema = z
  .object({
    request: z
      .object({
        method: z.string().min(1),
        /** The standin mount it arrived on (`/redox-ca`): the same path on two hosts differs. */
        mount: z.string().startsWith('/'),
        path: z.string().startsWith('/'),
        query: z.array(PairSchema).default([]),
        contentType: z.string().optional(),
        body: RecordedBodySchema.optional(),
      })
      .strict(),
    response: z
      .object({
        status: z.number().int().min(100).max(599),
        headers: z.record(z.string(), z.string()).default({}),
        body: RecordedBodySchema.optional(),
      })
      .strict(),
  })
  .strict()

export type RecordedBody = z.output<typeof RecordedBodySchema>
export type RecordedPart = z.output<typeof PartSchema>
export type Recording = z.output<typeof RecordingSchema>
export type RecordedRequest = Recording['request']
export type RecordedResponse = Recording['response']
