// Runs every lab scenario in Chromium with the built extension and writes the tab's findings, as
// the documented message API returns them, to test/fixtures/tab-findings.json: real findings
// from the worker's end-to-end path, for the UI's component tests, in their stored form.
// Usage: npm run build && npx tsx scripts/record-findings.ts   (or EXTENSION_DIR=<dir> …)
import { writeFileSync } from 'node:fs';
import type { FindingReply, TabFinding, TabSnapshot } from '../src/messages';
import { readFindings, runScenario, startRig, until } from './browser/worker-rig';

const OUT = 'test/fixtures/tab-findings.json';

/** The stored form of a replied finding: without what the reply renders (snippets, other engines' words). */
function storedForm({ messages: _, fix: { snippets: __, ...fix }, ...f }: FindingReply): TabFinding {
  return { ...f, fix };
}

const rig = await startRig();
try {
  const out = await rig.page.evaluate(() => (window as unknown as { lab: { runAll(): Promise<{ id: string; ok: boolean }[]> } }).lab.runAll());
  // A last, blocked run: once its finding is in, every earlier request has been judged.
  const sentinel = await runScenario(rig, out.find((r) => !r.ok)!.id);
  await until(
    () => readFindings(rig),
    (r) => r.findings.some((f) => f.record.hops[0]!.url === sentinel.url),
    'the last finding',
  );
  const reply = await readFindings(rig);
  const findings = reply.findings.filter((f) => f.record.hops[0]!.url !== sentinel.url).map(storedForm);
  const snapshot: TabSnapshot = { tabId: rig.tabId, findings, dropped: reply.dropped, preserveLog: reply.preserveLog };
  const browser = `Chromium ${rig.browser.context.browser()?.version() ?? '?'}`;
  const note = 'Recorded by scripts/record-findings.ts: the lab page tab after Run all, read with cors/findings. Do not edit by hand.';
  writeFileSync(OUT, `${JSON.stringify({ note, browser, ...snapshot }, null, 1)}\n`);
  console.log(
    `wrote ${findings.length} findings (${findings.filter((f) => f.severity === 'error').length} errors, ${out.filter((r) => !r.ok).length} blocked runs) to ${OUT}`,
  );
} finally {
  await rig.close();
}
