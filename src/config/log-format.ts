/** How the access log is written to stderr: one line per request, readable or JSON, or not at all. */
export const LOG_FORMATS = ['pretty', 'json', 'off'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]
