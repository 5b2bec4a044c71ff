// explain() against the engines' own recorded words: every blocked run of the lab, in Chromium
// (test/fixtures/chromium.json) and Firefox (firefox.json), pasted back must name the rule the
// validator gave for that run; the four "Common Errors" phrasings map; unknown text stays unknown.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { explain } from '../../src/core/explain';
import type { RequestRecord } from '../../src/core/types';
import { validate, type Browser } from '../../src/core/validate';

interface Run {
  id: string;
  mode: string;
  blocked: boolean;
  messages: string[];
  record: RequestRecord;
}

const load = (file: string): Run[] => (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: Run[] }).scenarios;
const ENGINES: [Browser, Run[]][] = [
  ['chromium', load('test/fixtures/chromium.json')],
  ['firefox', load('test/fixtures/firefox.json')],
];

/** Runs the validator gives an error for, with that error's rule. */
function judged(browser: Browser, runs: Run[]): [string, Run, string][] {
  return runs.flatMap((r) => {
    const error = validate(r.record, browser).find((f) => f.severity === 'error');
    return r.blocked && r.messages.length > 0 && error ? [[`${r.id} (${r.mode})`, r, error.rule] as [string, Run, string]] : [];
  });
}

const ruleIds = (text: string): string[] => explain(text).errors.flatMap((e) => e.rules.map((r) => r.id));

describe.each(ENGINES)('every recorded %s sentence', (browser, runs) => {
  const cases = judged(browser, runs);
  test('there are at least 30 blocked runs with a sentence', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)('%s: its first sentence names the rule', (_n, run, rule) => {
    const answer = explain(run.messages[0]!);
    expect(answer.known).toBe(true);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]!.engine).toBe(browser);
    expect(answer.errors[0]!.rules.map((r) => r.id)).toContain(rule);
  });

  test.each(cases)('%s: the whole console text names the rule', (_n, run, rule) => {
    expect(ruleIds(run.messages.join('\n'))).toContain(rule);
  });
});
