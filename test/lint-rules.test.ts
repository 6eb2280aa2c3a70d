import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const eslint = new ESLint()
/** The first call builds the type-aware program for the whole project: slow on a busy machine. */
const FIRST_LINT_TIMEOUT_MS = 90_000

// The first type-checked lint builds the whole TypeScript program: seconds on an idle machine, far
// more on a loaded one. Build it once here, so the rule tests below measure rules, not load.
beforeAll(async () => {
  await eslint.lintText('export {}\n', { filePath: 'src/providers/provider.ts' })
}, 120_000)

// The first type-checked lint builds the whole TypeScript program: seconds on an idle machine, far
// more on a loaded one. Build it once here, so the rule tests below measure rules, not load.
beforeAll(async () => {
  await eslint.lintText('export {}\n', { filePath: 'src/providers/provider.ts' })
}, 120_000)

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('lint rules', () => {
  // The first lint builds the type-aware program of the whole project: slow on a busy machine.
  beforeAll(async () => {
    await ruleIds('export {}\n', 'src/providers/provider.ts')
  }, 180_000)

  it.each([
    ['export const t = Date.now()\n', 'no-restricted-properties'],
    ['export const r = Math.random()\n', 'no-restricted-properties'],
    ['export const d = new Date()\n', 'no-restricted-syntax'],
  ])(
    'refuses %s in src/providers',
    async (code, rule) => {
      expect(await ruleIds(code, 'src/providers/provider.ts')).toContain(rule)
    },
    FIRST_LINT_TIMEOUT_MS,
  )

  it('allows the wall clock in src/core/clock.ts', async () => {
    expect(await ruleIds('export const t = Date.now()\n', 'src/core/clock.ts')).not.toContain(
      'no-restricted-properties',
    )
  })

  it('refuses hono and node imports in pure core modules', async () => {
    const ids = await ruleIds(
      "import { Hono } from 'hono'\nimport { readFileSync } from 'node:fs'\nexport { Hono, readFileSync }\n",
      'src/core/errors.ts',
    )
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(2)
  })

  it.each([
    'src/providers/redcap/state/model.ts',
    'src/providers/redcap/routes/pipeline.ts',
    'src/providers/epicollect/wire/php-json.ts',
    'src/proxy/forward.ts',
    'src/admin/routes.ts',
    'src/scenarios/load.ts',
  ])('refuses a node: import in %s', async (filePath) => {
    const ids = await ruleIds(
      "import { readFileSync } from 'node:fs'\nexport { readFileSync }\n",
      filePath,
    )
    expect(ids).toContain('no-restricted-imports')
  })

  it('refuses hono outside route, middleware and renderer files', async () => {
    const code = "import { Hono } from 'hono'\nexport { Hono }\n"
    expect(await ruleIds(code, 'src/providers/redcap/wire/csv.ts')).toContain(
      'no-restricted-imports',
    )
    expect(await ruleIds(code, 'src/providers/redox/state/model.ts')).toContain(
      'no-restricted-imports',
    )
    expect(await ruleIds(code, 'src/providers/redcap/routes/index.ts')).not.toContain(
      'no-restricted-imports',
    )
    expect(await ruleIds(code, 'src/providers/redox/errors.ts')).not.toContain(
      'no-restricted-imports',
    )
  })
})
