/**
 * REDCap's error envelope (RestUtility::sendResponse), chosen by the caller's `returnFormat`:
 * json `{"error":"..."}` (PHP-escaped), csv `ERROR: ...`, xml
 * `<?xml version="1.0" encoding="UTF-8" ?><hash><error>...</error></hash>` (one line, message not
 * escaped). What REDCap itself never answers (404, 413, 502-504) comes from the web server in front
 * of it, as Apache's HTML pages; the IP ban is plain text.
 */
import type { StandinError } from '../../core/errors.js'
import type { StandinContext } from '../provider.js'
import { MSG } from './messages.js'
import { CONTENT_TYPES, type Format } from './wire/format.js'
import { phpJson } from './wire/json.js'
import { XML_DECLARATION } from './wire/xml.js'

/** The error format of each request, known once its body is read (xml until then). */
const returnFormats = new WeakMap<Request, Format>()

export function rememberReturnFormat(request: Request, format: Format): void {
  returnFormats.set(request, format)
}

export function errorBody(format: Format, message: string): string {
  if (format === 'json') return phpJson({ error: message })
  if (format === 'csv') return `ERROR: ${message}`
  return `${XML_DECLARATION}<hash><error>${message}</error></hash>`
}

function wrapped(c: StandinContext, status: number, message: string): Response {
  const format = returnFormats.get(c.req.raw) ?? 'xml'
  return new Response(errorBody(format, message), {
    status,
    headers: { 'content-type': CONTENT_TYPES[format] },
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

export function renderRedcapError(error: StandinError, c: StandinContext): Response {
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
