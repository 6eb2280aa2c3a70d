/**
 * Parse options for data zod sees once: scenarios, config, fixtures, schema defaults. By default
 * zod compiles a parser for each object schema on its first parse (`new Function`), which pays
 * off over many parses but makes a one-time parse several times slower, and standin's start is
 * mostly one-time parses.
 */
export const PARSE_ONCE = { jitless: true } as const
