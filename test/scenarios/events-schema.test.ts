import { describe, expect, it } from 'vitest'
import { ScenarioError } from '../../src/core/data-text.js'
import { parseScenario } from '../../src/scenarios/load.js'
import { formatProblems } from '../../src/core/issues.js'
import { echoProvider } from '../support/echo-provider.js'

const providers = [echoProvider]
const expire = { action: 'expire', provider: 'echo' }

function problemsOf(events: unknown): string[] {
  try {
    parseScenario({ events }, 'case.yaml', providers)
  } catch (error) {
    if (error instanceof ScenarioError)
      return formatProblems(error.file, error.problems).split('\n')
    throw error
  }
  return []
}

describe('scripted events schema', () => {
  it('accepts every trigger kind, one action or a list, and provider actions', () => {
    const scenario = parseScenario(
      {
        events: [
          { name: 'at', at: '2026-03-01T08:01:00Z', do: expire },
          { after: 30, do: [expire, { action: 'echo.setGreeting', greeting: 'bye' }] },
          {
            afterRequests: 2,
            match: { provider: 'echo', method: 'GET', path: '/data', subject: 'ana' },
            do: { action: 'fail', status: 503, times: 2 },
          },
        ],
      },
      'case.yaml',
      providers,
    )
    expect(scenario.events).toEqual([
      { name: 'at', at: '2026-03-01T08:01:00Z', do: [expire] },
      { after: 30, do: [expire, { action: 'echo.setGreeting', greeting: 'bye' }] },
      {
        afterRequests: 2,
        match: { provider: 'echo', method: 'GET', path: '/data', subject: 'ana' },
        do: [{ action: 'fail', status: 503, times: 2 }],
      },
    ])
  })

  it('defaults to no events', () => {
    expect(parseScenario({}, 'case.yaml', providers).events).toEqual([])
  })

  it.each([
    [
      [{ do: expire }],
      'case.yaml: events[0]: give exactly one of "at", "after" or "afterRequests"',
    ],
    [
      [{ at: '2026-03-01T08:01:00Z', after: 5, do: expire }],
      'case.yaml: events[0]: give exactly one of "at", "after" or "afterRequests"',
    ],
    [
      [{ after: 5, match: { path: '/data' }, do: expire }],
      'case.yaml: events[0].match: applies only to "afterRequests"',
    ],
    [[{ at: 'noon', do: expire }], 'case.yaml: events[0].at: Invalid ISO datetime'],
    [
      [{ afterRequests: 0, do: expire }],
      'case.yaml: events[0].afterRequests: Too small: expected number to be >=1',
    ],
    [
      [{ after: 5, do: { action: 'explode' } }],
      "case.yaml: events[0].do.action: Invalid discriminator value. Expected 'expire' | 'revoke' | 'rateLimit' | 'fail' | 'drop' | 'delay' | 'echo.setGreeting' | 'echo.closeAccount'",
    ],
    [
      [{ after: 5, do: [expire, { action: 'fail', status: 404 }] }],
      'case.yaml: events[0].do[1].status: Invalid option: expected one of 500|502|503|504',
    ],
    [
      [{ after: 5, do: { action: 'expire', provider: 'nope' } }],
      'case.yaml: events[0].do.provider: Invalid input: expected "echo"',
    ],
    [
      [{ after: 5, do: { action: 'echo.setGreeting', greting: 'bye' } }],
      'case.yaml: events[0].do.greeting: is required\ncase.yaml: events[0].do: unknown key "greting"',
    ],
    [
      [{ afterRequests: 1, match: { method: 'get' }, do: expire }],
      'case.yaml: events[0].match.method: must be an upper-case HTTP method',
    ],
  ])('reports %j by file and dotted path', (events, expected) => {
    expect(problemsOf(events).join('\n')).toBe(expected)
  })
})
