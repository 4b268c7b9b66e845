// The linter: typescript-eslint's recommended rules, imports in a fixed order and none
// twice. `npm run lint -- --fix` sorts and merges imports; the rest is left to people.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      // Ordering: packages, then @rag-ledger libraries, then relative paths (autofixed).
      'import-x/order': ['error', {
        groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
        pathGroups: [{ pattern: '@rag-ledger/**', group: 'internal' }],
        pathGroupsExcludedImportTypes: ['builtin'],
        alphabetize: { order: 'asc', caseInsensitive: true },
      }],
      // One import statement a module (autofixed: merged, types inline).
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An event listener's `...args: any[]` is the emitter's own type.
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      // The stores' iterators and fakes are object literals whose methods need the outer instance.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['store', 'fake'] }],
    },
  },
  {
    // Tests fake untyped client libraries and read untyped JSON fixtures.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Node scripts (CommonJS).
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
