import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message: 'Use IsOptional from libs/common: class-validator’s lets null through.',
            },
          ],
        },
      ],
    },
  },
  {
    // The current time comes from the injected Clock (libs/clock), so tests can set it.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/clock/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time from the injected Clock (libs/clock), not new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from the injected Clock (libs/clock), not Date.now().',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Read the time from the injected Clock (libs/clock), not Date().',
        },
      ],
    },
  },
  {
    files: ['apps/cli/**/*.ts', 'bench/**/*.ts', 'scripts/**', 'bin/**', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
