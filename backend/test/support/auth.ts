/** The admin token every test backend runs with, and the header that carries it. */
export const TEST_TOKEN = 'test-admin-token-0123456789abcdef0123456789';
export const AUTH = { Authorization: `Bearer ${TEST_TOKEN}` };
