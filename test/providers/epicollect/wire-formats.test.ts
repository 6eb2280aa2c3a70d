import { describe, expect, it } from 'vitest'
import { csvLine } from '../../../src/providers/epicollect/wire/csv.js'
import { parseUtcDateTime } from '../../../src/providers/epicollect/wire/dates.js'
import { generateMapTo } from '../../../src/providers/epicollect/state/mapping.js'
import { inMysqlJsonOrder } from '../../../src/providers/epicollect/wire/mysql-json.js'
import {
  encodePhpJson,
  PhpFloat,
  phpFloatToString,
  phpIntval,
} from '../../../src/providers/epicollect/wire/php-json.js'
import { slugify } from '../../../src/providers/epicollect/wire/slug.js'
import { toUtm } from '../../../src/providers/epicollect/wire/utm.js'

describe('fputcsv', () => {
  it.each([
    [['plain', '12', ''], 'plain,12,\n'],
    [['two words'], '"two words"\n'],
    [['a,b'], '"a,b"\n'],
    [['say "hi"'], '"say ""hi"""\n'],
    [['back\\"slash'], '"back\\"slash"\n'],
    [['tab\there'], '"tab\there"\n'],
    [['line\nbreak'], '"line\nbreak"\n'],
    [['"a, b", c'], '"""a, b"", c"\n'],
  ])('writes %j as %j', (fields, line) => {
    expect(csvLine(fields)).toBe(line)
  })
})

describe('PHP json_encode', () => {
  it('escapes non-ASCII as \\u escapes and slashes only when asked', () => {
    const value = { name: 'Plátano ☃ 😀', url: 'a/b', n: 1.5 }
    expect(encodePhpJson(value, { escapeSlashes: false })).toBe(
      '{"name":"Pl\\u00e1tano \\u2603 \\ud83d\\ude00","url":"a/b","n":1.5}',
    )
    expect(encodePhpJson(value, { escapeSlashes: true })).toContain('"url":"a\\/b"')
  })

  it('writes a whole float with .0', () => {
    expect(
      encodePhpJson(
        { a: new PhpFloat(18), b: new PhpFloat(-2), c: new PhpFloat(0.5) },
        { escapeSlashes: false },
      ),
    ).toBe('{"a":18.0,"b":-2.0,"c":0.5}')
  })

  it.each([
    [18, '18'],
    [13.7, '13.7'],
    [0.1 + 0.2, '0.3'],
    [51.49881234567891, '51.498812345679'],
  ])('turns the float %d into the string %s', (value, text) => {
    expect(phpFloatToString(value)).toBe(text)
  })

  it.each([
    ['12', 12],
    ['12.9', 12],
    ['7 kg', 7],
    ['', 0],
    ['x', 0],
    [3.99, 3],
  ])('casts %j to the int %d', (value, int) => {
    expect(phpIntval(value)).toBe(int)
  })
})

describe('Str::slug', () => {
  it.each([
    ['ec5-river-watch', 'ec5-river-watch'],
    ['EC5 River Watch', 'ec5-river-watch'],
    ['EC5_Urban_Trees', 'ec5-urban-trees'],
    ['Árboles de Sevilla', 'arboles-de-sevilla'],
    ['birds@school', 'birds-at-school'],
    ['  --  ', ''],
  ])('slugifies %j as %j', (title, slug) => {
    expect(slugify(title)).toBe(slug)
  })
})

describe('EC5_AUTO map keys', () => {
  it.each([
    [1, 'Name', '1_Name'],
    [3, 'Ubicación', '3_Ubicacin'],
    [7, 'Water temperature (°C)', '7_Water_temperature_'],
    [12, '  Trunk   girth  ', '12_Trunk_girth'],
    [100, 'How many birds did you see today?', '100_How_many_birds_d'],
  ])('names question %i %j as %j', (index, question, key) => {
    expect(generateMapTo(index, question)).toBe(key)
  })
})

describe('MySQL JSON key order', () => {
  it('sorts keys by length, then bytewise, at every depth', () => {
    const ordered = inMysqlJsonOrder({
      question: 1,
      ref: 2,
      type: 3,
      max: 4,
      group: [{ zz: 1, a: 2 }],
    })
    expect(JSON.stringify(ordered)).toBe(
      '{"max":4,"ref":2,"type":3,"group":[{"a":2,"zz":1}],"question":1}',
    )
  })
})

describe('date parsing for filters and fixtures', () => {
  it.each([
    ['2022-01-26', Date.UTC(2022, 0, 26)],
    ['2022-01-26T10:20:30.123', Date.UTC(2022, 0, 26, 10, 20, 30, 123)],
    ['2022-01-26 10:20:30', Date.UTC(2022, 0, 26, 10, 20, 30)],
    ['2022-01-26T10:20:30Z', Date.UTC(2022, 0, 26, 10, 20, 30)],
    ['2022-01-26T10:20:30+01:00', Date.UTC(2022, 0, 26, 9, 20, 30)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, ms) => {
    expect(parseUtcDateTime(text)).toBe(ms)
  })

  it.each(['2023-02-29', '2022-13-01', 'yesterday', '26/01/2022', '2022-01-26T25:00'])(
    'refuses %s',
    (text) => {
      expect(parseUtcDateTime(text)).toBeUndefined()
    },
  )
})

describe('UTM conversion', () => {
  it.each([
    [51.4988, -0.1749, { northing: 5709080, easting: 696085, zone: '30U' }],
    [-33.8688, 151.2093, { northing: 6250948, easting: 334368, zone: '56H' }],
    [60.39, 5.32, { northing: 6700510, easting: 297230, zone: '32V' }],
    [0.5, 9.4, { northing: 55266, easting: 544508, zone: '32N' }],
  ])('converts %d, %d', (lat, long, utm) => {
    expect(toUtm(lat, long)).toEqual(utm)
  })
})
