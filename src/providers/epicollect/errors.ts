/**
 * Epicollect5's error envelope, `{"errors":[{"code":"ec5_NNN","title","source"}]}`, always with
 * `Content-Type: application/vnd.api+json; charset=utf-8`. Titles are the server's
 * `config/epicollect/codes.php` texts (the API bodies use these, not the public `en.json` list).
 *
 * @see epicollect5-server app/Providers/Macros/Response/ApiErrorCodeMacro.php
 * @see epicollect5-server app/Exceptions/Handler.php (ec5_219 for unknown routes, ec5_255 for 429)
 */
import type { Context } from 'hono'
import { StandinError, type StandinErrorCode } from '../../core/errors.js'
import { encodePhpJson } from './wire/php-json.js'

export const EC5_TITLES = {
  ec5_11: 'Project does not exist.',
  ec5_15: 'Form does not exist.',
  ec5_21: 'Required field is missing.',
  ec5_27: 'Number format incorrect.',
  ec5_29: 'Value invalid.',
  ec5_43: 'Length too short',
  ec5_69: 'No File Uploaded.',
  ec5_77: 'This project is private. Please log in.',
  ec5_79: 'Date/time format incorrect',
  ec5_84: 'Question does not exist.',
  ec5_87: 'Format not matched.',
  ec5_99: 'Branch does not exist',
  ec5_103: 'Unknown error.',
  ec5_116: 'Server error, please try again later. If the problem persists, please contact support.',
  ec5_206: 'File size too large.',
  ec5_219: 'Page not found.',
  ec5_243: 'Invalid input ref',
  ec5_252: 'The website is currently undergoing maintenance. Please try again later.',
  ec5_253: 'Invalid client credentials.',
  ec5_254: 'Could not generate access token. Please contact support.',
  ec5_255: 'Too many requests. Try again later.',
  ec5_256: 'Access denied.',
  ec5_257: 'Unauthorized client access.',
  ec5_261: 'Unsupported grant type.',
  ec5_322: 'The mapping requested does not exist',
  ec5_335: 'Max allowed entries limit exceeded! Use a lower `per_page` value.',
} as const

export type Ec5Code = keyof typeof EC5_TITLES

/** One object of the `errors` list: the code and where it came from (a parameter, `middleware`...). */
export interface Ec5Problem {
  readonly code: Ec5Code
  readonly source: string
}

export interface Ec5ErrorOptions {
  readonly status: number
  /** Why, for the journal (never the wire). */
  readonly detail: string
  readonly headers?: Readonly<Record<string, string>>
}

/** A StandinError that knows its exact Epicollect5 body: one or more `ec5_*` problems. */
export class Ec5Error extends StandinError {
  readonly problems: readonly Ec5Problem[]

  constructor(code: StandinErrorCode, problems: readonly Ec5Problem[], options: Ec5ErrorOptions) {
    const first = problems[0]
    super(code, first ? EC5_TITLES[first.code] : 'Unknown error.', {
      status: options.status,
      detail: options.detail,
      ...(first ? { providerCode: first.code } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    })
    this.problems = problems
  }
}

/** The usual single-problem error. */
export function ec5Error(
  code: StandinErrorCode,
  ec5: Ec5Code,
  source: string,
  status: number,
  detail: string,
): Ec5Error {
  return new Ec5Error(code, [{ code: ec5, source }], { status, detail })
}

/** How a generic standin outcome (forced, or raised outside the provider) looks on Epicollect5. */
function genericProblem(error: StandinError): { status: number; problem: Ec5Problem } {
  const at = (status: number, code: Ec5Code, source: string) => ({
    status,
    problem: { code, source },
  })
  switch (error.code) {
    case 'invalid_credentials':
    case 'token_expired':
    case 'token_revoked':
      return at(404, 'ec5_256', 'middleware')
    case 'forbidden':
      return at(404, 'ec5_257', 'middleware')
    case 'not_found':
      return at(422, 'ec5_219', 'page not found exception')
    case 'method_not_allowed':
      return at(422, 'ec5_219', 'method not allowed exception')
    case 'invalid_request':
    case 'unsupported_media_type':
    case 'conflict':
      return at(400, 'ec5_29', 'api')
    case 'payload_too_large':
      return at(413, 'ec5_206', 'api')
    case 'rate_limited':
      return at(429, 'ec5_255', 'rate-limiter')
    case 'unavailable':
      // Epicollect5's own "unavailable" is maintenance mode (Handler.php renders it with ec5_252).
      return at(error.status, 'ec5_252', 'maintenance.mode')
    case 'upstream_failed':
    case 'upstream_timeout':
    case 'internal':
      return at(error.status, 'ec5_116', 'api')
    default: {
      const unreachable: never = error.code
      throw new Error(`Unrendered error code ${String(unreachable)}`)
    }
  }
}

export const EC5_ERROR_CONTENT_TYPE = 'application/vnd.api+json; charset=utf-8'

/** The body and status Epicollect5 sends for `error`. */
export function ec5ErrorBody(error: StandinError): { status: number; body: string } {
  const { status, problems } =
    error instanceof Ec5Error
      ? { status: error.status, problems: error.problems }
      : (({ status: s, problem }) => ({ status: s, problems: [problem] }))(genericProblem(error))
  const errors = problems.map((p) => ({
    code: p.code,
    title: EC5_TITLES[p.code],
    source: p.source,
  }))
  // apiErrorCode encodes with flags 0, so slashes are escaped (`Date\/time`), unlike data bodies.
  return { status, body: encodePhpJson({ errors }, { escapeSlashes: true }) }
}

export function renderEc5Error(error: StandinError, c: Context): Response {
  const { status, body } = ec5ErrorBody(error)
  return c.body(body, status as 400, { 'content-type': EC5_ERROR_CONTENT_TYPE })
}
