import { describe, expect, it } from 'vitest'
import { changedSections } from '../../src/scenarios/diff.js'
import type { Scenario } from '../../src/scenarios/schema.js'

const base: Scenario = {
  name: 'a',
  clientClockSkewSeconds: 0,
  providers: { redcap: { projects: [] } },
  events: [],
}

describe('changed scenario sections', () => {
  it.each([
    [base, []],
    [{ ...base, name: 'b', description: 'new' }, ['name', 'description']],
    [{ ...base, events: [{ after: 1, do: [{ action: 'drop', times: 1 }] }] }, ['events']],
    [
      { ...base, providers: { redcap: { projects: [1] }, redox: {} } },
      ['providers.redcap', 'providers.redox'],
    ],
    [{ ...base, clock: { start: '2026-01-01T00:00:00Z' } }, ['clock']],
  ] as [Scenario, string[]][])('names what differs: %j', (after, expected) => {
    expect(changedSections(base, after)).toEqual(expected)
  })
})
