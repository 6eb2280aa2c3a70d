/**
 * `npm run screenshot`: writes the README's picture of the dashboard. A tool, not a test, so it
 * lives outside `npm test`'s files (`*.test.ts`).
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/e2e/dashboard.screenshot.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
})
