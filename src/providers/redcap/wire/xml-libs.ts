/**
 * fast-xml-parser and fast-xml-validator, loaded on their first use: together they are a fifth of
 * the bin and take about 11 ms to initialise (their entity tables), which every start paid while
 * only calls that post XML (data or an ODM file) need them. `require` keeps the use synchronous.
 */
import { createRequire } from 'node:module'
import { onFirstUse } from '../../../core/first-use.js'
import { MAX_DEPTH_SETTING } from '../../../core/nesting.js'

type ParserLib = typeof import('fast-xml-parser')
type ValidatorLib = typeof import('fast-xml-validator')
export type XMLParser = InstanceType<ParserLib['XMLParser']>
export type XMLParserOptions = ConstructorParameters<ParserLib['XMLParser']>[0]

const load = createRequire(import.meta.url)
const parserLib = onFirstUse(() => load('fast-xml-parser') as ParserLib)
const validatorLib = onFirstUse(() => load('fast-xml-validator') as ValidatorLib)

/**
 * A parser with `options`, built on first call and then reused. The library's own cap on nesting
 * (100 tags) is lifted past the highest configurable bound, which the pipeline checks first
 * (`core/nesting.ts`), so the configured bound is the one that decides.
 */
export function lazyXmlParser(options: XMLParserOptions): () => XMLParser {
  return onFirstUse(
    () => new (parserLib().XMLParser)({ maxNestedTags: MAX_DEPTH_SETTING + 1, ...options }),
  )
}

export function xmlSyntaxValidator(): ValidatorLib['SyntaxValidator'] {
  return validatorLib().SyntaxValidator
}
