// @ts-check
import eslint from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Only these may read the wall clock or global randomness (STYLE.md G4). */
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

/** Folders that must stay free of hono, msw and Node (STYLE.md G1). */
const PURE = [
  'src/core/**',
  'src/scenarios/**',
  'src/providers/*/state/create.ts',
  'src/providers/*/state/model.ts',
  'src/providers/*/routes/auth.ts',
  'src/providers/*/wire/data.ts',
  'src/admin/overrides.ts',
  'src/levers/standin-force.ts',
]

/** @type {import('eslint').Linter.RulesRecord} */
const pureImportRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['hono', 'hono/*', '@hono/*'],
          message: 'Domain code stays free of hono (STYLE.md G1).',
        },
        { group: ['msw', 'msw/*'], message: 'Only src/msw may import msw (STYLE.md G1).' },
        { group: ['node:*'], message: 'Domain code stays free of Node APIs (STYLE.md G1).' },
      ],
    },
  ],
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
  { files: PURE, rules: pureImportRules },
  // The proxy core is pure too; only its hono middleware and control routes touch hono.
  {
    files: ['src/proxy/**'],
    ignores: ['src/proxy/serve.ts', 'src/proxy/routes-admin.ts'],
    rules: pureImportRules,
  },
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
