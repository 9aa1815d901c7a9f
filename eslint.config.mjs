import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// Module boundaries on two axes. scope: which service owns the code; type: what kind
// of code it is. Every rule below forbids something; widen one only with a reason.
const typeRules = [
  // apps never import apps: nothing may depend on type:app
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:data', 'type:messaging', 'type:config', 'type:platform', 'type:util'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:util', 'type:config'] },
  { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:util', 'type:config', 'type:contracts', 'type:data'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:util', 'type:config', 'type:contracts', 'type:domain', 'type:data', 'type:messaging'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util','type:config','type:contracts','type:domain','type:data','type:messaging','type:platform','type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:config', 'type:contracts', 'type:data', 'type:messaging', 'type:platform', 'type:domain'] },
  // tools/: the infra, start and test scripts; plain Node that must run before anything is built
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:util', 'type:config', 'type:contracts'] },
  // apps/web: browser code; only the pure libs, never Node-side ones
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:util', 'type:domain', 'type:contracts'] },
];
// Test files may also use the testing lib; production code never can.
const testTypeRules = typeRules.map((rule) =>
  rule.sourceTag === 'type:testing' ? rule : { ...rule, onlyDependOnLibsWithTags: [...rule.onlyDependOnLibsWithTags, 'type:testing'] },
);
const services = ['gateway', 'referral-intake', 'casework', 'partner-directory', 'outcomes', 'federation', 'web'];
const scopeRules = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] })),
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  prettier,
  {
    ignores: ['**/dist', '**/node_modules', '**/.linkway', '**/.nx', '**/coverage'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    // Tells consistent-type-imports that decorated files need value imports for DI metadata.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [...typeRules, ...scopeRules],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'bench/**/*.ts', 'tools/**/*.{js,ts}', 'test/**/*.ts', '**/test-fixtures/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: [...testTypeRules, ...scopeRules] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
