/** Jest runs Payload's ES modules natively (NODE_OPTIONS=--experimental-vm-modules, see package.json). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'es6' },
  },
]

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '\\.(css|scss)$': '<rootDir>/test/helpers/empty-module.js',
    '^@payload-config$': '<rootDir>/payload.config.ts',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  // The host-project fixture is another project (its build, its link to this one), not test code.
  modulePathIgnorePatterns: ['<rootDir>/test/host-project/clinic-site/'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 60_000,
}
