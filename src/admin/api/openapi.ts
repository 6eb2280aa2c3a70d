/**
 * The OpenAPI 3.1 document of the control plane, generated from the route table
 * (`operations.ts`) with zod's own JSON Schema output, so the document, the routes and the typed
 * client read the same schemas. Built once, on first request.
 */
import { z } from 'zod'
import { onFirstUse } from '../../core/first-use.js'
import { OPERATIONS, type Operation } from './operations.js'

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>
  // The document declares its dialect once; a `$schema` per schema object is noise.
  delete out.$schema
  return out
}

function operation(key: string, op: Operation): [string, string, Record<string, unknown>] {
  const [method = '', path = ''] = key.split(' ')
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')
  const parameters: Record<string, unknown>[] = names.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  if (op.query) {
    const shape = jsonSchema(op.query, 'input') as { properties?: Record<string, unknown> }
    for (const [name, schema] of Object.entries(shape.properties ?? {}))
      parameters.push({ name, in: 'query', required: false, schema })
  }
  const contentType = op.contentType ?? 'application/json'
  const responseSchema =
    contentType === 'application/json' ? jsonSchema(op.response, 'output') : { type: 'string' }
  return [
    `/_standin${path}`,
    method.toLowerCase(),
    {
      operationId: operationId(key),
      summary: op.summary,
      tags: [op.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: false,
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(op.status ?? 200)]: {
          description: op.summary,
          content: { [contentType]: { schema: responseSchema } },
        },
        default: {
          description: 'A refusal in the control plane envelope',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  ]
}

/** `POST /redcap/super-tokens` → `postRedcapSuperTokens`. */
export function operationId(key: string): string {
  const words = key
    .replace(/[{}]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('')
}

export const openApiDocument = onFirstUse((): Record<string, unknown> => {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [key, op] of Object.entries(OPERATIONS) as [string, Operation][]) {
    const [path, method, body] = operation(key, op)
    paths[path] = { ...paths[path], [method]: body }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'standin control API',
      version: '1',
      description:
        "The control plane at /_standin: clock, scenarios, journal, overrides and stubs, credentials and each provider's admin pages. Every route needs the admin token when standin runs with one.",
    },
    paths,
    components: { schemas: { Error: jsonSchema(errorSchema, 'output') } },
  }
})
