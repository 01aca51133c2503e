const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** Unit specs live next to the code and use in-memory fakes only. */
module.exports = {
  rootDir: 'src',
  testRegex: '.*\\.spec\\.ts$',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  // Every @nestjs/* 12 package ships ES modules only; let swc turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/|entities/)'],
  testEnvironment: 'node',
  // Logs go to test-artifacts/logs/backend-tests.log, not between the test results.
  setupFiles: ['<rootDir>/../test/support/logs-to-file.ts'],
};
