import { ConsoleLogger } from '@nestjs/common';
import { LogFormat } from '../config/app-config';

/**
 * The backend's logger: Nest's ConsoleLogger, as one JSON object per line for LOG_FORMAT=json (for
 * log collectors), else its usual lines, coloured only when they go to a terminal: ANSI codes in a
 * file or a pipe are noise. NO_COLOR turns colours off on a terminal too.
 */
export function createAppLogger(format: LogFormat, stdout: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): ConsoleLogger {
  if (format === 'json') return new ConsoleLogger({ json: true });
  return new ConsoleLogger({ colors: Boolean(stdout.isTTY) && !env.NO_COLOR });
}
