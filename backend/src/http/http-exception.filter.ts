import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { describeOutage } from '../database/database-failure';
import { StageError } from '../product-import/job/stage-error';
import { JobAlreadyRunningError, JobNotFoundError } from '../product-import/domain/import-errors';

/**
 * Maps domain errors to HTTP answers. A database that cannot be reached is a 503 naming that
 * database, whichever code path met it. Anything unexpected becomes a 500 that names only an error
 * id; the details (SQL, stack, hosts) go to the log under that id, never to the client.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    if (exception instanceof JobAlreadyRunningError) {
      response.status(HttpStatus.CONFLICT).json({ message: exception.message, jobId: exception.activeJobId });
      return;
    }
    if (exception instanceof JobNotFoundError) {
      response.status(HttpStatus.NOT_FOUND).json({ statusCode: 404, message: exception.message, error: 'Not Found' });
      return;
    }
    if (exception instanceof StageError) {
      // A database the request needs does not answer: say which, in words safe to show.
      this.logger.warn(`${exception.message}: ${(exception.cause as Error)?.message ?? exception.cause}`);
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, message: exception.message });
      return;
    }
    const outage = describeOutage(exception);
    if (outage) {
      this.logger.warn(`${outage}: ${(exception as Error).message}`);
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, message: outage });
      return;
    }
    if (isJsonParseFailure(exception)) {
      // The parser's own message quotes the body back: say only what is wrong.
      response.status(HttpStatus.BAD_REQUEST).json({ statusCode: 400, message: 'Malformed JSON in request body' });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      response.status(status).json(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    // Errors raised by Express's body parser (malformed JSON, too large) carry their own 4xx status.
    const status = (exception as { status?: number; expose?: boolean }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response.status(status).json({ statusCode: status, message: clientMessage(exception, status) });
      return;
    }
    const errorId = randomUUID();
    this.logger.error(`Unhandled error ${errorId}`, exception instanceof Error ? exception.stack : String(exception));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'Internal server error', errorId });
  }
}

/** Express's JSON parser failed; Nest's adapter hands that on as a BadRequestException caused by it. */
function isJsonParseFailure(exception: unknown): boolean {
  const cause = exception instanceof HttpException ? exception.cause : exception;
  return (cause as { type?: string } | undefined)?.type === 'entity.parse.failed';
}

function clientMessage(exception: unknown, status: number): string {
  const type = (exception as { type?: string }).type;
  if (type === 'entity.parse.failed') return 'Malformed JSON in request body';
  if (type === 'entity.too.large' || status === 413) return 'Request body too large';
  if (status === 415) return 'Unsupported content type';
  return 'Bad request';
}
