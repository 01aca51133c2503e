// A node:test reporter that writes the counts scripts/test.mjs reads from every suite, in the field
// names Jest's and Vitest's JSON reports use. Used next to the spec reporter, which shows the run.
export default async function* jsonSummary(source) {
  const counts = { numPassedTests: 0, numFailedTests: 0 };
  for await (const event of source) {
    // Suites report too; only tests are counted. A failing before() hook shows up as failed tests.
    if (event.data?.details?.type === 'suite') continue;
    if (event.type === 'test:pass' && !event.data.skip && !event.data.todo) counts.numPassedTests += 1;
    if (event.type === 'test:fail') counts.numFailedTests += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}
