import { describe, expect, it } from 'vitest'
import { csvLine } from '../../src/core/php-csv.js'

describe("csvLine, as PHP's fputcsv writes", () => {
  it.each([
    [['1', 'Event 1', '', 'x'], ',', '1,"Event 1",,x\n'],
    [['say "hi"'], ',', '"say ""hi"""\n'],
    [['a\\"b'], ',', '"a\\"b"\n'],
    [['a,b', 'c;d'], ';', 'a,b;"c;d"\n'],
    [['tab\there', 'plain'], '\t', '"tab\there"\tplain\n'],
    [['back\\slash'], ',', '"back\\slash"\n'],
  ])('writes %j with separator %j as %j', (fields, separator, line) => {
    expect(csvLine(fields, separator)).toBe(line)
  })
})
