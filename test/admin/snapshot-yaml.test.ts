/**
 * The snapshot's YAML writer against the `yaml` parser in both YAML versions: whatever JSON a
 * snapshot holds reads back the same, however its strings look.
 */
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { snapshotYaml } from '../../src/admin/snapshot-yaml.js'

const TRICKY = [
  ...['', 'true', 'Yes', 'n', 'Y', '~', 'null', 'NULL', 'off', '.inf', '.NaN', '-.inf'],
  ...['1.0', '0x1F', '0o17', '1_000', '+12', '2026-01-05', '2026-01-05 09:00:00', '12:30'],
  ...['a: b', 'a:b', 'a #b', '#x', '- x', '-', '? x', '[x]', '{x}', '"q"', "'s'", "it's"],
  ...['line\nbreak', 'cr\rlf', ' lead', 'trail ', 'tab\tx', 'a  b', '*alias', '&anchor'],
  ...['!tag', '%dir', '@at', '`bt', '|', '>', '<<', '=', '\\back', 'C:\\dir', 'a,b', 'x]'],
  ...['\u007f', '\u0085', '\u009f', '\u2028', '\ufeff', '\ufffe', 'é ✓', '😀', '\u0000'],
  ...['Classic Demo Study', 'ec5-river-watch', 'alice@example.org', 'U-3Y8KXD9CTA'],
  'x'.repeat(500),
]

const shapes = {
  name: 'saved',
  numbers: [0, -1.5, 1e21, 1e-7, 42],
  flags: { on: true, off: false, none: null },
  empty: { list: [], object: {} },
  pairs: TRICKY.map((s, i) => [`f${String(i)}`, s]),
  keyed: Object.fromEntries(TRICKY.map((s) => [s, s])),
  lists: [[1, [2, [3, 4, 5, 6]]], [[{ a: 1 }], []], [{ deep: [{ deeper: ['x', 'y'] }] }]],
  records: [{ rows: [{ values: [['record_id', '1']], checked: [['c', ['1', '2']]] }], id: '1' }],
  long: Array.from({ length: 5 }, (_, i) => String(i)),
}

describe('the snapshot YAML writer', () => {
  it.each(['1.1', '1.2'] as const)('reads back the same in YAML %s', (version) => {
    expect(parse(snapshotYaml(shapes), { version })).toEqual(shapes)
  })

  it('writes no character a YAML 1.1 parser would fold or refuse', () => {
    expect(snapshotYaml(shapes)).not.toMatch(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/)
  })

  it('keeps a short list of plain values on one line', () => {
    expect(snapshotYaml({ values: [['record_id', '1']] })).toBe('values:\n  - [record_id, "1"]\n')
  })
})
