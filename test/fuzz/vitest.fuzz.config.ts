/**
 * `npm run fuzz`: the fuzz suite alone, many more runs, a fresh seed each time.
 */
import { defineConfig } from 'vitest/config'

const seed = process.env.STANDIN_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31))
process.stdout.write(`fuzz: seed ${seed} (replay with STANDIN_FUZZ_SEED=${seed} npm run fuzz)\n`)

export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.test.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
    env: {
      STANDIN_FUZZ_SEED: seed,
      STANDIN_FUZZ_RUNS: process.env.STANDIN_FUZZ_RUNS ?? '1000',
      STANDIN_FUZZ_SOCKET_RUNS: process.env.STANDIN_FUZZ_SOCKET_RUNS ?? '2000',
    },
  },
})
