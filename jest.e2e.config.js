import base from './jest.config.js'

/** Browser journeys against a production build, and the plugin in a Next.js host project (npm run test:e2e). */
export default {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts', '<rootDir>/test/host-project/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 120_000,
}
