import { OpenApiContract } from './support/openapi-contract';

const JOB = {
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  status: 'completed',
  params: { mode: 'import', limit: 5, resumeFromLast: true, startAfterId: null },
  metrics: { total_found: 5, processed: 5, inserted: 5, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0, errors_count: 0, elapsed_ms: 12, last_processed_source_id: 9 },
  errors: [],
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: '2026-01-01T00:00:00.010Z',
  finished_at: '2026-01-01T00:00:00.022Z',
  error_message: null,
};
const STATE = '/api/admin/product-import/state';
/** The state's counts of what the Lookbook holds, the last refresh and the shop's diagnosis. */
const HOLDINGS = {
  imported: 5,
  on_sale: 5,
  owed: 0,
  last_refresh: null,
  remaining_estimated: false,
  remaining_counted_at: '2026-01-01T00:00:01.000Z',
  remaining_counting: false,
  shop: { problems: [], hints: [], checked_at: '2026-01-01T00:00:00.500Z' },
};

/**
 * The response check every e2e suite's answers go through (test/support/validate-responses.ts):
 * shown here to fail on the kinds of drift it exists for, so a wrong document cannot pass unseen.
 */
describe('The OpenAPI response check', () => {
  const contract = OpenApiContract.fromFile();
  const check = (status: number, body: unknown, url = STATE, method = 'GET') => contract.violation(method, url, status, 'application/json; charset=utf-8', body);

  it('accepts the state with and without jobs, as the backend answers it', () => {
    expect(check(200, { last_successful_source_id: 9, remaining: 3, active_job: null, last_job: JOB, ...HOLDINGS })).toBeUndefined();
    expect(check(200, { last_successful_source_id: 0, remaining: 3, active_job: { ...JOB, status: 'running', finished_at: null }, last_job: null, ...HOLDINGS })).toBeUndefined();
    const shopProblem = { problems: ['The shop database refused the login (access denied): check the user and password in MYSQL_SHOP_URL.'], hints: [], checked_at: null };
    expect(check(200, { last_successful_source_id: 9, active_job: null, last_job: JOB, ...HOLDINGS, remaining: null, remaining_counted_at: null, shop: shopProblem })).toBeUndefined();
  });

  it('accepts the state of a backend that is still counting what remains', () => {
    const counting = { ...HOLDINGS, remaining_counted_at: null, remaining_counting: true };
    expect(check(200, { last_successful_source_id: 9, remaining: null, active_job: null, last_job: null, ...counting })).toBeUndefined();
  });

  it('refuses a body the schema does not allow, naming the field', () => {
    expect(check(200, { last_successful_source_id: '9', remaining: 3, active_job: null, last_job: null })).toMatch(/last_successful_source_id must be integer|last_successful_source_id must be number/);
    expect(check(200, { last_successful_source_id: 9, remaining: 3, active_job: null })).toMatch(/must have required property 'last_job'/);
    expect(check(200, { last_successful_source_id: 9, remaining: 3, active_job: { ...JOB, status: 'paused' }, last_job: null, ...HOLDINGS })).toMatch(/active_job/);
  });

  it('refuses a status the operation does not list', () => {
    expect(check(418, { message: 'teapot' })).toMatch(/answered 418, which the OpenAPI document does not list/);
    expect(check(415, { statusCode: 415, message: 'x' }, '/api/admin/product-import/jobs', 'POST')).toBeUndefined();
  });

  it('matches templated paths and leaves undescribed paths and methods alone', () => {
    expect(check(404, { statusCode: 404, message: 'Job x not found', error: 'Not Found' }, `/api/admin/product-import/jobs/${JOB.id}`)).toBeUndefined();
    expect(check(200, JOB, `/api/admin/product-import/jobs/${JOB.id}`)).toBeUndefined();
    expect(check(200, { ...JOB, id: 'not-a-uuid' }, `/api/admin/product-import/jobs/${JOB.id}`)).toMatch(/\/id must match format "uuid"/);
    expect(check(404, { anything: true }, '/api/docs')).toBeUndefined();
    expect(check(404, { anything: true }, '/api/admin/product-import/jobs', 'PUT')).toBeUndefined();
  });
});
