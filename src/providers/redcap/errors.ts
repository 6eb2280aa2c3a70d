/**
 * REDCap's error envelope (RestUtility::sendResponse), chosen by the caller's `returnFormat`:
 * json `{"error":"..."}` (PHP-escaped), csv `ERROR: ...`, xml
 * `<?xml version="1.0" encoding="UTF-8" ?><hash><error>...</error></hash>` (one line, message not
 * escaped). What REDCap itself never answers (404, 413, 502-504) comes from the web server in front
 * of it, as Apache's HTML pages; the IP ban is plain text.
 */
import type { StandinError } from '../../core/errors.js'
import type { StandinContext } from '../provider.js'
import { paramsBeforeBodyLimit } from './routes/posted-params.js'
import { MSG } from './wire/messages.js'
import {
  CONTENT_TYPES,
  contentTypeHeaders,
  resolveFormat,
  resolveReturnFormat,
  type Format,
} from './wire/format.js'
import type { ApiParams } from './wire/params.js'
import { phpJsonScalar } from './wire/json.js'
import { XML_DECLARATION } from './wire/xml.js'

/** `returnFormat`, else `format`, else xml (api_docs_072). */
export function returnFormatOf(params: ApiParams): Format {
  return resolveReturnFormat(params.str('returnFormat'), resolveFormat(params.str('format')))
}

/** Forms carrying `returnFormat` are small; a bigger one (a file import) is not buffered for it. */
const FORMAT_READ_LIMIT = 1024 * 1024

/**
 * REDCap reads `format` and `returnFormat` before anything can fail, so even an outcome forced
 * before the route ran (`Standin-Force`, an override) answers in the posted format; a GET, or a
 * body too big or unreadable, answers in xml.
 */
async function formatOf(c: StandinContext): Promise<Format> {
  const params = await paramsBeforeBodyLimit(c, FORMAT_READ_LIMIT)
  return params === undefined ? 'xml' : returnFormatOf(params)
}

export function errorBody(format: Format, message: string): string {
  if (format === 'json') return `{"error":${phpJsonScalar(message)}}`
  if (format === 'csv') return `ERROR: ${message}`
  return `${XML_DECLARATION}<hash><error>${message}</error></hash>`
}

/** REDCap's envelope; at once when the route has read the parameters (most refusals). */
function wrapped(c: StandinContext, status: number, message: string): Response | Promise<Response> {
  const known = c.get('redcapParams')
  if (known !== undefined) return wrappedIn(returnFormatOf(known), status, message)
  return formatOf(c).then((format) => wrappedIn(format, status, message))
}

function wrappedIn(format: Format, status: number, message: string): Response {
  return new Response(errorBody(format, message), {
    status,
    headers: contentTypeHeaders(CONTENT_TYPES[format]),
  })
}

/** Apache's stock error page, as the web server in front of REDCap sends it. */
function apachePage(status: number, title: string, paragraph: string): Response {
  const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${String(status)} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${paragraph}</p>\n</body></html>\n`
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=iso-8859-1' },
  })
}

export function renderRedcapError(
  error: StandinError,
  c: StandinContext,
): Response | Promise<Response> {
  switch (error.code) {
    case 'invalid_request':
    case 'conflict':
    case 'unsupported_media_type':
      return wrapped(c, 400, error.wireMessage ?? MSG.default400)
    case 'invalid_credentials':
    case 'token_expired':
    case 'token_revoked':
    case 'forbidden':
      // REDCap answers 403 for missing, malformed, unknown and dead tokens alike.
      return wrapped(c, 403, error.wireMessage ?? MSG.noPermission)
    case 'method_not_allowed':
      return wrapped(c, 501, MSG.notImplemented)
    case 'internal':
      return wrapped(c, 500, MSG.serverError)
    case 'not_found':
      return apachePage(404, 'Not Found', 'The requested URL was not found on this server.')
    case 'payload_too_large':
      return apachePage(
        413,
        'Request Entity Too Large',
        'The requested resource does not allow request data with POST requests, or the amount of data provided in the request exceeds the capacity limit.',
      )
    case 'rate_limited': {
      const ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || '127.0.0.1'
      const text =
        error.wireMessage ?? `Your IP address (${ip}) has been banned due to suspected abuse.`
      return new Response(text, {
        status: 429,
        headers: { 'content-type': 'text/html; charset=UTF-8' },
      })
    }
    case 'upstream_failed':
      return apachePage(
        502,
        'Proxy Error',
        'The proxy server received an invalid response from an upstream server.',
      )
    case 'unavailable':
      return apachePage(
        503,
        'Service Unavailable',
        'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
      )
    case 'upstream_timeout':
      return apachePage(
        504,
        'Gateway Timeout',
        'The gateway did not receive a timely response from the upstream server or application.',
      )
    default: {
      const unhandled: never = error.code
      throw new Error(`Unrendered error code ${String(unhandled)}`)
    }
  }
}
