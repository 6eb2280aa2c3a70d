// @ts-check
import eslint from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Only these may read the wall clock or global randomness (docs/decisions/two-clocks.md). */
const CLOCK_AND_RANDOM_HOMES = [
  'src/core/clock.ts',
  'src/core/random.ts',
  'src/node/**',
  'src/cli/**',
]

const clockAndRandomRules = {
  'no-restricted-properties': [
    'error',
    {
      object: 'Date',
      property: 'now',
      message: 'Read time from the injected Clock (core/clock.ts).',
    },
    { object: 'Math', property: 'random', message: 'Use the seeded Random (core/random.ts).' },
    {
      object: 'crypto',
      property: 'randomUUID',
      message: 'Use the seeded Random (core/random.ts).',
    },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'new Date() reads the wall clock: use the injected Clock (core/clock.ts).',
    },
  ],
}

/** Where Node stays out: the domain, the proxy's core, the control plane (docs/ARCHITECTURE.md). */
const NO_NODE = [
  'src/core/**',
  'src/scenarios/**',
  'src/providers/**',
  'src/proxy/**',
  'src/admin/**',
]

/**
 * Files in those folders that reach a Node API on purpose; name each one here, with why.
 * - quick-verify.ts: the Redox token endpoint's synchronous `node:crypto` signature check, a
 *   fast path in front of jose's Web Crypto verify (docs/bench.md).
 */
const NODE_TRANSPORTS = ['src/providers/redox/routes/quick-verify.ts']

/** Where hono may appear there: files that declare routes or middleware, or render errors. */
const HONO_FILES = [
  'src/providers/provider.ts',
  'src/providers/base-url.ts',
  'src/providers/*/errors.ts',
  'src/providers/*/routes/**',
  'src/providers/*/admin/**',
  'src/proxy/serve.ts',
  'src/proxy/routes-admin.ts',
  'src/admin/**',
]

const NO_HONO = {
  group: ['hono', 'hono/*', '@hono/*'],
  message: 'Only route, middleware and renderer files import hono (docs/ARCHITECTURE.md).',
}
const NO_MSW = { group: ['msw', 'msw/*'], message: 'Only src/msw may import msw.' }
const NO_NODE_API = {
  group: ['node:*'],
  message: 'Domain code stays free of Node APIs; a transport file is named in eslint.config.js.',
}

/** @type {import('eslint').Linter.RulesRecord} */
const pureImportRules = {
  'no-restricted-imports': ['error', { patterns: [NO_HONO, NO_MSW, NO_NODE_API] }],
}

/** @type {import('eslint').Linter.RulesRecord} */
const routeImportRules = {
  'no-restricted-imports': ['error', { patterns: [NO_MSW, NO_NODE_API] }],
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'examples/**/node_modules/**',
      'bench/results/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  { files: ['src/**/*.ts'], ignores: CLOCK_AND_RANDOM_HOMES, rules: clockAndRandomRules },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/node/**', 'src/cli/**', 'src/msw/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*'],
              message: 'Only src/node and src/cli touch the file system.',
            },
            { group: ['msw', 'msw/*'], message: 'Only src/msw may import msw.' },
          ],
        },
      ],
    },
  },
  {
    files: [...NO_NODE, 'src/levers/standin-force.ts'],
    ignores: [...HONO_FILES, ...NODE_TRANSPORTS],
    rules: pureImportRules,
  },
  { files: HONO_FILES, ignores: NODE_TRANSPORTS, rules: routeImportRules },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.js', 'examples/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // The dashboard's ES modules run in the browser; build scripts run in Node.
  { files: ['src/admin/dashboard/**/*.js'], languageOptions: { globals: globals.browser } },
  { files: ['scripts/**/*.js'], languageOptions: { globals: globals.node } },
  // These JS files carry `// @ts-check`, so tsc checks them and knows Node's globals; no-undef would not.
  { files: ['bench/**/*.js', 'scripts/bundle-bin.js'], rules: { 'no-undef': 'off' } },
)
