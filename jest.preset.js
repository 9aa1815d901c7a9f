// One jest setup for every project. The tier comes from JEST_TIER so that each
// project keeps a single jest.config.js:
//   unit         *.spec.ts              next to the code, collaborators mocked
//   integration  *.integration-spec.ts  real Postgres, Redis and NATS, real migrations
//   e2e          *.e2e-spec.ts          the running system through its public interfaces
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/jest/paths');
const swc = require('./tools/jest/swc-options');

// @fastify/static (the web UI, Swagger UI assets; reached through libs/platform) requires
// content-disposition, which ships ESM only: Node loads it natively, jest needs it as CommonJS.
const ESM_ONLY = ['content-disposition'];

const TIERS = {
  unit: { testMatch: ['**/*.spec.ts'], testTimeout: 10_000 },
  integration: { testMatch: ['**/*.integration-spec.ts'], testTimeout: 120_000 },
  e2e: { testMatch: ['**/*.e2e-spec.ts'], testTimeout: 300_000 },
  reliability: { testMatch: ['**/*.reliability-spec.ts'], testTimeout: 600_000 },
  security: { testMatch: ['**/*.security-spec.ts'], testTimeout: 600_000 },
};

function projectJestConfig(projectDir) {
  const tier = process.env.JEST_TIER || 'unit';
  const settings = TIERS[tier];
  if (!settings) throw new Error(`JEST_TIER must be one of ${Object.keys(TIERS).join(', ')}; got "${tier}"`);
  return {
    displayName: `${path.basename(projectDir)}:${tier}`,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: settings.testMatch,
    testTimeout: settings.testTimeout,
    transform: {
      '^.+\\.ts$': ['@swc/jest', swc],
      [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
        '@swc/jest',
        { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(),
    // Date maths in tests must not depend on the machine's zone.
    globalSetup: require.resolve('./tools/jest/global-setup.js'),
    // a project may have only integration suites (its rules live in libs/domain)
    passWithNoTests: true,
  };
}

module.exports = { projectJestConfig };
