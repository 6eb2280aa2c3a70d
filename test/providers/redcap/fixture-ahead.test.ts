import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PARSE_ONCE } from '../../../src/core/parse-once.js'
import {
  parseProjectFixturesAhead,
  ProjectFixtureSchema,
} from '../../../src/providers/redcap/state/fixture.js'

const DIR = new URL('../../../fixtures/redcap/', import.meta.url)
const SHIPPED = readdirSync(DIR).map((name) => ({
  name,
  text: readFileSync(new URL(`${name}/project.json`, DIR), 'utf8'),
}))

describe('REDCap fixture projects parsed ahead (the bin carries them)', () => {
  it.each(SHIPPED)('$name gives what a full check gives', ({ text }) => {
    const [pair, ...more] = parseProjectFixturesAhead([text])
    expect(more).toEqual([])
    expect(pair?.[0]).toBe(text)
    expect(JSON.parse(pair?.[1] ?? 'null')).toStrictEqual(
      ProjectFixtureSchema.parse(JSON.parse(text), PARSE_ONCE),
    )
  })

  it('leaves out a text that is not JSON or does not check', () => {
    expect(parseProjectFixturesAhead(['{', '{"settings":{}}'])).toEqual([])
  })
})
