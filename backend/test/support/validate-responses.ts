import { Test } from 'supertest';
import { OpenApiContract } from './openapi-contract';

/**
 * Every answer an e2e suite receives through supertest is checked against backend/openapi.json
 * before the suite's own expectations: an answer the document does not describe fails the test,
 * so the document cannot drift from what the backend does. (Loaded by jest.e2e.config.js.)
 */
const contract = OpenApiContract.fromFile();
type Assert = (this: Test, error: Error | null, res: any, fn: (error: Error | null, res: any) => void) => void;
const prototype = Test.prototype as unknown as { assert: Assert; method: string; url: string };
const assert = prototype.assert;

prototype.assert = function (this: Test & { method: string; url: string }, error, res, fn) {
  const violation = res && contract.violation(this.method, this.url, res.status, res.headers?.['content-type'], res.body);
  if (violation) return fn.call(this, new Error(`Answer does not match the OpenAPI document: ${violation}`), res);
  return assert.call(this, error, res, fn);
};
