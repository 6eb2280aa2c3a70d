/**
 * fast-xml-parser and fast-xml-validator, loaded on first need: together they are a fifth of the
 * bin and take about 11 ms to initialise (their entity tables), which every start paid while only
 * calls that post data (records, metadata, an ODM file) parse XML. The REDCap route awaits
 * `loadXmlLibs()` before such a call, so the parsing itself stays synchronous.
 */
import { onFirstUse } from '../../../core/first-use.js'
import { MAX_DEPTH_SETTING } from '../../../core/nesting.js'

type ParserLib = typeof import('fast-xml-parser')
type ValidatorLib = typeof import('fast-xml-validator')
export type XMLParser = InstanceType<ParserLib['XMLParser']>
export type XMLParserOptions = ConstructorParameters<ParserLib['XMLParser']>[0]

let libs: { readonly parser: ParserLib; readonly validator: ValidatorLib } | undefined

/** Loads both libraries once; later calls resolve at once. */
export async function loadXmlLibs(): Promise<void> {
  if (libs) return
  const [parser, validator] = await Promise.all([
    import('fast-xml-parser'),
    import('fast-xml-validator'),
  ])
  libs = { parser, validator }
}

function loaded(): NonNullable<typeof libs> {
  if (!libs) throw new Error('REDCap parsed XML before loadXmlLibs() finished')
  return libs
}

/**
 * A parser with `options`, built on first call and then reused. The library's own cap on nesting
 * (100 tags) is lifted past the highest configurable bound, which the pipeline checks first
 * (`core/nesting.ts`), so the configured bound is the one that decides.
 */
export function lazyXmlParser(options: XMLParserOptions): () => XMLParser {
  return onFirstUse(
    () => new (loaded().parser.XMLParser)({ maxNestedTags: MAX_DEPTH_SETTING + 1, ...options }),
  )
}

export function xmlSyntaxValidator(): ValidatorLib['SyntaxValidator'] {
  return loaded().validator.SyntaxValidator
}
