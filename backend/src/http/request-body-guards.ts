import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';

type Middleware = (
  req: { method: string; headers: Record<string, string | string[] | undefined>; body?: unknown; is(type: string): string | false | null },
  res: unknown,
  next: (error?: unknown) => void,
) => void;

/** Deeper than any request body this API takes (all are flat objects), far below what overflows the stack. */
const MAX_BODY_DEPTH = 16;

/**
 * A body the JSON parser skips (text/plain, a form) would reach validation as {} and start a job
 * with default settings instead of the ones sent: refuse it with 415. Only on POST, the one method
 * that takes a body here: any other method answers as its route does (404 when there is none). An
 * empty body (Content-Length: 0) is no body: the job starts with the defaults, as the document says.
 */
export const requireJsonBody: Middleware = (req, _res, next) => {
  const refused = req.method === 'POST' && req.headers['content-length'] !== '0' && req.is('application/json') === false;
  next(refused ? new UnsupportedMediaTypeException('Request body must be application/json') : undefined);
};

/**
 * Parsed bodies the validation pipe cannot judge, refused with 400: class-transformer drops
 * "__proto__" and "constructor" keys (against prototype pollution) before forbidNonWhitelisted
 * looks, and overflows the stack on deeply nested values (a 500 from a 4 kB body).
 */
export const refuseBodiesValidationCannotSee: Middleware = (req, _res, next) => {
  const { body } = req;
  const problems: string[] = [];
  if (isPlainObject(body)) {
    for (const key of ['__proto__', 'constructor']) if (Object.hasOwn(body, key)) problems.push(`property ${key} should not exist`);
  }
  if (nestedDeeperThan(body, MAX_BODY_DEPTH)) problems.push(`request body must not be nested more than ${MAX_BODY_DEPTH} levels deep`);
  next(problems.length ? new BadRequestException(problems) : undefined);
};

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((child) => nestedDeeperThan(child, levels - 1));
}
