// Lint for the whole workspace. The rule that matters most: @nx/enforce-module-boundaries keeps every
// service out of every other service (they talk over Kafka and HTTP only) and keeps libs free of services.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist', '**/node_modules', 'infra/.cache', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:eligibility', notDependOnLibsWithTags: ['scope:entitlement', 'scope:disbursement'] },
            { sourceTag: 'scope:entitlement', notDependOnLibsWithTags: ['scope:eligibility', 'scope:disbursement'] },
            { sourceTag: 'scope:disbursement', notDependOnLibsWithTags: ['scope:eligibility', 'scope:entitlement'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
