// axe-core's accessibility rules, run in the page under test: what a screen-reader or keyboard user
// would trip over, as "rule: element" lines (empty when there is nothing).
import { createRequire } from 'node:module';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}`));
}
