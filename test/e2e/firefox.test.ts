// The extension in real Firefox ESR (WebDriver BiDi, puppeteer-core) on every lab scenario:
// every request Firefox blocks is reported once, with Firefox's console sentence for it, read live
// from this very run; no error finding on a request Firefox allowed; and each finding's fix,
// applied to the lab, makes Firefox accept the request.
import type { Page } from 'puppeteer-core';
import { clipString, MAX_STRING } from '../../extension/background/budget';
import { maskPasswords } from '../../src/core/origin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/browser/firefox-extension';
import { settledFindings } from '../../scripts/findings-table';
import { askFindings, tabIdOf } from '../../scripts/start-firefox';
import type { TabFinding } from '../../src/messages';

type RunResult = { ok: boolean; status?: number; error?: string; url: string };

let lab: Lab;
let ff: FirefoxWithExtension;
let page: Page;
let reader: Page;
let tabId: number;
/** Everything Firefox logged on the lab page (BiDi log.entryAdded: puppeteer pageerror/console). */
const lines: string[] = [];

const tagOf = (url: string): string | null => {
  try {
    return new URL(url).searchParams.get('run');
  } catch {
    return null;
  }
};
const TAG_IN_TEXT = /[?&]run=([\w-]+)/;
const sentencesFor = (tag: string): string[] => lines.filter((t) => t.startsWith('Cross-Origin Request Blocked:') && TAG_IN_TEXT.exec(t)?.[1] === tag);
const run = (id: string): Promise<RunResult> => page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), id);

/** Wait until Firefox's console has been quiet for 500 ms (bounded). */
async function quiet(): Promise<void> {
  let count = -1;
  for (let i = 0; i < 20 && count !== lines.length; i++) {
    count = lines.length;
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  lab = await startLab();
  ff = await launchFirefoxWithExtension();
  page = await ff.browser.newPage();
  page.on('pageerror', (e: unknown) => void lines.push(e instanceof Error ? e.message : String(e)));
  page.on('console', (m) => void (m.type() === 'error' && lines.push(m.text())));
  await page.goto(lab.pageUrl);
  reader = await ff.openExtensionPage('/extension/popup/popup.html?tabId=0');
  tabId = await tabIdOf(reader, lab.pageUrl);
  // The lab page is the tab in front, as it is for someone using it (Firefox throttles a
  // background tab's timers).
  await page.bringToFront();
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

describe(`the extension in Firefox ESR`, () => {
  const runs: Array<{ id: string; kind: string; r: RunResult }> = [];
  let findings: TabFinding[] = [];

  test("every blocked request is reported once, in Firefox's own words; no error on an allowed one", async () => {
    for (const s of lab.scenarios) runs.push({ id: s.id, kind: s.kind, r: await run(s.id) });
    await quiet();
    const blocked = runs.filter((x) => !x.r.ok).length;
    expect(blocked).toBeGreaterThanOrEqual(60);
    findings = await settledFindings(() => askFindings(reader, tabId), blocked);
    // The bridge (extension/platform-content.ts in Firefox: the native `browser`) relays the page
    // hook's hints: only they tell a credentialed request blocked before any Cookie left.
    expect(findings.some((f) => f.credentialsEvidence === 'page-hook')).toBe(true);
    const wrong: string[] = [];
    for (const { id, kind, r } of runs) {
      const tag = tagOf(r.url)!;
      const errors = findings.filter((f) => f.severity === 'error' && tagOf(f.url) === tag);
      const said = sentencesFor(tag);
      if (r.ok) {
        if (errors.length > 0) wrong.push(`${id}: allowed by Firefox, yet reported: ${errors.map((e) => e.message).join(' | ')}`);
        if (said.length > 0) wrong.push(`${id}: allowed, yet Firefox logged ${said.join(' | ')}`);
        continue;
      }
      if (said.length === 0) wrong.push(`${id} (${kind}): blocked without a console sentence`);
      if (kind === 'net-error') {
        // Firefox refused the response itself (a NUL byte; NS_ERROR_DOM_INVALID_HEADER_VALUE) and says
        // only "CORS request did not succeed": a broken response, not a CORS block, listed by neither build.
        if (errors.length > 0 || !/\(Reason: CORS request did not succeed\)\. Status code: \(null\)\.$/.test(said[0] ?? ''))
          wrong.push(`${id}: ${said[0]} / ${errors.length} findings`);
        continue;
      }
      // Stored sentences are cut at MAX_STRING with a marker (the 64 KB edge case).
      // A password in the sentence's URL (XHR credentials given to open()) is masked: never stored.
      const expected = clipString(maskPasswords(said[0] ?? ''), MAX_STRING);
      if (errors.length !== 1) wrong.push(`${id} (${kind}): ${errors.length} error findings for one blocked request`);
      else if (errors[0]!.message !== expected)
        wrong.push(`${id} (${kind}):\n    extension: ${errors[0]!.message.slice(0, 400)}\n    Firefox:   ${expected.slice(0, 400)}`);
      // The lines Firefox logs after the reason for the same request, in order.
      else if (
        JSON.stringify([expected, ...(errors[0]!.followUp ?? []).map((l) => clipString(l, MAX_STRING))]) !==
        JSON.stringify(said.map((l) => clipString(maskPasswords(l), MAX_STRING)))
      ) {
        wrong.push(`${id} (${kind}): Firefox logged ${said.length} lines, the finding has 1 + ${errors[0]!.followUp?.length ?? 0}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("each finding's fix, applied to the lab, makes Firefox accept the request", async () => {
    const failed: string[] = [];
    const fixedRuns: Array<{ id: string; r: RunResult }> = [];
    for (const { id, r } of runs.filter((x) => !x.r.ok)) {
      const error = findings.find((f) => f.severity === 'error' && tagOf(f.url) === tagOf(r.url) && !f.unexplained);
      if (!error) continue; // reported as unexplained: no fix to apply (checked above)
      lab.applyFix(id, error.fix);
      const again = await run(id);
      fixedRuns.push({ id, r: again });
      if (!again.ok)
        failed.push(`${id}: still blocked after the fix (${error.fix.steps.map((s) => `${s.stage}@${s.hop}: ${s.headers.join('; ')}`).join(' / ')})`);
    }
    expect(fixedRuns.length).toBeGreaterThanOrEqual(60);
    await quiet();
    const after = await askFindings(reader, tabId);
    for (const { id, r } of fixedRuns) {
      const errors = after.filter((f) => f.severity === 'error' && tagOf(f.url) === tagOf(r.url));
      if (errors.length > 0) failed.push(`${id}: fixed, accepted, yet reported: ${errors[0]!.message}`);
    }
    expect(failed).toEqual([]);
  });
});
