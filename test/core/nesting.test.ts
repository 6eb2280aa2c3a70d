import { describe, expect, it } from 'vitest'
import { jsonNestedDeeperThan, xmlNestedDeeperThan } from '../../src/core/nesting.js'

describe('JSON nesting depth', () => {
  it.each([
    ['[]', 1],
    ['[[1],{"a":[2]}]', 3],
    ['{"a":"[[[[[[", "b":"\\"[[["}', 1],
    ['"[[[["', 0],
    ['[' + '{"x":'.repeat(50) + '1' + '}'.repeat(50) + ']', 51],
  ])('%s is %i deep', (text, depth) => {
    expect(jsonNestedDeeperThan(text, depth)).toBe(false)
    if (depth > 0) expect(jsonNestedDeeperThan(text, depth - 1)).toBe(true)
  })

  it('stops at the limit on a document far deeper', () => {
    expect(jsonNestedDeeperThan('['.repeat(1_000_000), 100)).toBe(true)
  })
})

describe('XML nesting depth', () => {
  it.each([
    ['<records/>', 0],
    ['<records></records>', 1],
    ['<?xml version="1.0" ?><records><item><a><![CDATA[<b><c><d>]]></a><b/></item></records>', 3],
    ['<r><!-- <a><b><c> --><x a="<y>" b=\'/>\'>t</x></r>', 2],
    ['<!DOCTYPE r [<!ENTITY e "<a>">]><r><a>&e;</a></r>', 2],
    ['<ODM>' + '<a x="1">'.repeat(150) + '</a>'.repeat(150) + '</ODM>', 151],
  ])('%s is %i deep', (text, depth) => {
    expect(xmlNestedDeeperThan(text, depth)).toBe(false)
    if (depth > 0) expect(xmlNestedDeeperThan(text, depth - 1)).toBe(true)
  })
})
