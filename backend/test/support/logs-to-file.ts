import { ConsoleLogger, Logger } from '@nestjs/common';
import { appendFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the apps under test log: test-artifacts/logs/backend-tests.log in the repository. */
export const TEST_LOG_FILE = resolve(__dirname, '../../../test-artifacts/logs/backend-tests.log');

/**
 * Nest's own text lines, uncoloured, appended to TEST_LOG_FILE instead of the terminal: suites
 * provoke failures on purpose, and their error lines and stacks would read as a broken run.
 */
export class FileLogger extends ConsoleLogger {
  constructor() {
    super({ colors: false });
    mkdirSync(resolve(TEST_LOG_FILE, '..'), { recursive: true });
  }

  protected printMessages(messages: unknown[], context = '', logLevel: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal' = 'log', _stream?: 'stdout' | 'stderr', errorStack?: string): void {
    const lines = messages.map((message) => `${new Date().toISOString()} ${logLevel.toUpperCase()} [${context}] ${this.stringify(message)}`);
    if (errorStack) lines.push(errorStack);
    appendFileSync(TEST_LOG_FILE, `${lines.join('\n')}\n`);
  }

  private stringify(message: unknown): string {
    return typeof message === 'string' ? message : message instanceof Error ? (message.stack ?? message.message) : JSON.stringify(message);
  }
}

export const fileLogger = new FileLogger();

// Jest setup file: the static Logger (used outside an app, e.g. by unit-tested classes) too.
Logger.overrideLogger(fileLogger);
