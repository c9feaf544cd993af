// ESLint flat config: typescript-eslint with type information, so promise misuse is caught.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.e2e/**', '.workspace/**', 'schemas/**', 'test-results/**', '**/*.mjs', '**/*.js', 'examples/**', 'media/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises that the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The language core and the simulator stay transport-free.
    files: ['server/src/core/**/*.ts', 'server/src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode', 'vscode-*', 'vscode-languageserver*', 'vscode-languageclient*', '**/lsp/**', '**/client/**'] }],
    },
  },
  {
    // The simulator is deterministic: time comes from its injected clock, randomness from its seeded
    // generator. Only the pacer, which ties virtual time to wall time, may read the wall clock or set timers.
    files: ['server/src/sim/**/*.ts'],
    ignores: ['server/src/sim/pacer.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the simulation clock (ctx.clock), not the wall clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded generator (sim/rng.ts).' },
        { object: 'performance', property: 'now', message: 'Use the simulation clock (ctx.clock), not the wall clock.' },
      ],
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask'].map((name) => ({
          name,
          message: 'Schedule work on the simulation timer queue, not a wall-clock timer.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the simulation clock (ctx.clock), not the wall clock.' },
      ],
    },
  },
);
