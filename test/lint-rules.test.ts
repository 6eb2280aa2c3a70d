import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('lint rules', () => {
  it.each([
    ['export const t = Date.now()\n', 'no-restricted-properties'],
    ['export const r = Math.random()\n', 'no-restricted-properties'],
    ['export const d = new Date()\n', 'no-restricted-syntax'],
  ])('refuses %s in src/providers', async (code, rule) => {
    expect(await ruleIds(code, 'src/providers/provider.ts')).toContain(rule)
  })

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
})
