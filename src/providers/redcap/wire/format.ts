/**
 * `format` and `returnFormat` resolution and the Content-Type each format is sent with
 * (REDCap `API/index.php`, `RestUtility::sendResponse`).
 */

export type Format = 'json' | 'csv' | 'xml'
/** What `format` may name: the three above, plus ODM for records and project XML. */
export type DataFormat = Format | 'odm'

const DATA_FORMATS: readonly string[] = ['json', 'csv', 'xml', 'odm']
const FORMATS: readonly string[] = ['json', 'csv', 'xml']

/** `format`: json | csv | xml | odm; anything else or missing is xml. */
export function resolveFormat(raw: string | undefined): DataFormat {
  const value = (raw ?? '').toLowerCase()
  return DATA_FORMATS.includes(value) ? (value as DataFormat) : 'xml'
}

/**
 * `returnFormat` decides the error format and most import/delete replies: when posted (non-empty)
 * it wins, else it follows `format`, else xml; an unknown value is xml (api_docs_072).
 */
export function resolveReturnFormat(raw: string | undefined, format: DataFormat): Format {
  const value = (raw ?? '').toLowerCase()
  if (value !== '') return FORMATS.includes(value) ? (value as Format) : 'xml'
  return format === 'odm' ? 'xml' : format
}

export const CONTENT_TYPES: Readonly<Record<DataFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
  odm: 'text/xml; charset=utf-8',
}

/** One headers record per content type above, shared by every answer: nothing writes to them. */
const TYPE_HEADERS: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map(
  Object.values(CONTENT_TYPES).map((type) => [type, { 'content-type': type }]),
)

/** The headers of an answer with nothing but its content type. */
export function contentTypeHeaders(type: string): Readonly<Record<string, string>> {
  return TYPE_HEADERS.get(type) ?? { 'content-type': type }
}
