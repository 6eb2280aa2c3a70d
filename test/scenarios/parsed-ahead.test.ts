import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDataText } from '../../src/core/data-text.js'
import { providers } from '../../src/providers/index.js'
import { isJsonData } from '../../src/core/parsed-ahead.js'
import { parsedAhead } from '../../src/scenarios/parsed-ahead.js'
import { parseAhead, parseScenario } from '../../src/scenarios/load.js'

const DIR = new URL('../../scenarios/', import.meta.url)
const SHIPPED = readdirSync(DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => ({ file, text: readFileSync(new URL(file, DIR), 'utf8') }))
const TABLE = new Map(parseAhead(SHIPPED))

function checked(text: string, file: string) {
  return parseScenario(parseDataText(text, file), file, providers)
}

describe('scenarios parsed ahead (the bin carries them)', () => {
  it.each(SHIPPED)('$file is in the table and gives what a full check gives', ({ file, text }) => {
    const ahead = parsedAhead(text, file, providers, TABLE)
    expect(ahead).toStrictEqual(checked(text, file))
    expect(parsedAhead(text, file, providers, TABLE)).not.toBe(ahead)
  })

  it('leaves any other text, file kind or provider list to a full check', () => {
    const [first] = SHIPPED
    if (!first) throw new Error('no shipped scenario')
    expect(parsedAhead(`${first.text}# changed\n`, first.file, providers, TABLE)).toBeUndefined()
    expect(parsedAhead(first.text, 'default.json', providers, TABLE)).toBeUndefined()
    expect(parsedAhead(first.text, first.file, [...providers], TABLE)).toBeUndefined()
  })

  it('leaves out a scenario that does not check, or uses an alias a lower limit could refuse', () => {
    const bad = { file: 'bad.yaml', text: 'name: bad\nunknown: 1\n' }
    const aliased = { file: 'aliased.yaml', text: 'name: &n aliased\ndescription: *n\n' }
    expect(() => checked(aliased.text, aliased.file)).not.toThrow()
    expect(parseAhead([bad, aliased])).toEqual([])
  })

  it('keeps only data JSON gives back exactly', () => {
    expect(isJsonData({ a: [1, 'x', true, null, { b: -1.5 }] })).toBe(true)
    for (const value of [{ a: undefined }, [1, undefined], new Date(0), NaN, -0, new Map()])
      expect(isJsonData(value)).toBe(false)
    // eslint-disable-next-line no-sparse-arrays -- a hole is what is checked
    expect(isJsonData([1, , 2])).toBe(false)
  })
})
