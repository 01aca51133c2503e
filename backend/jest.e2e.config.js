const unit = require('./jest.unit.config.js');

/** Integration and e2e tests: the real Nest app against the real MariaDB, one suite at a time. */
module.exports = {
  ...unit,
  rootDir: '.',
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.e2e-spec\\.ts$',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Every answer received through supertest must match backend/openapi.json.
  setupFilesAfterEnv: ['<rootDir>/test/support/validate-responses.ts'],
  setupFiles: ['<rootDir>/test/support/logs-to-file.ts'],
  testTimeout: 60_000,
  // Suites start backends and load MariaDB; one at a time keeps their timings apart.
  maxWorkers: 1,
};
