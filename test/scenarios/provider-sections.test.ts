import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../../src/testing/index.js'
import { echoProvider } from '../support/echo-provider.js'

describe('provider sections of a scenario', () => {
  it('sets aside the sections of shipped providers a standin does not run', async () => {
    const t = await createTestStandin({
      providers: [echoProvider],
      scenario: {
        name: 'mixed',
        providers: { redcap: { projects: 'anything' }, echo: { greeting: 'hi' } },
      },
    })
    const state = (await (await t.request('/_standin/state')).json()) as Record<string, unknown>
    expect({ scenario: state.scenario, providers: state.providers }).toEqual({
      scenario: 'mixed',
      providers: { echo: { greeting: 'hi' } },
    })
  })

  it('loads the shipped default scenario with only a sample provider', async () => {
    const t = await createTestStandin({ providers: [echoProvider], scenario: 'default' })
    expect(
      ((await (await t.request('/_standin/state')).json()) as { scenario: string }).scenario,
    ).toBe('default')
  })

  it('still reports a section no provider has, such as a misspelt one', async () => {
    await expect(
      createTestStandin({ providers: [echoProvider], scenario: { providers: { redcapp: {} } } }),
    ).rejects.toThrow('scenario: providers: unknown key "redcapp"')
  })
})
