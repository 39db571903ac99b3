/**
 * One jest run for the whole repository: unit specs (*.spec.ts), integration specs against the real
 * PostgreSQL/Redis/Kafka (*.int-spec.ts) and end-to-end specs in tests/ (*.e2e-spec.ts).
 * `npm test` starts the infrastructure and runs the migrations first (see infra/test.sh).
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] };
const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });
const common = { rootDir: __dirname, testEnvironment: 'node', transform, moduleNameMapper, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  // Integration specs start real processes and brokers; a unit spec never comes near this.
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{services,libs,bench,infra}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{services,libs,infra}/**/*.int-spec.ts', '<rootDir>/tests/**/*.e2e-spec.ts'],
    },
  ],
};
