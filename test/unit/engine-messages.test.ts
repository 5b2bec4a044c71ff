// messagesOf(finding): every CORS error's console sentence in each engine for the same request,
// rendered from the record (never stored), null where that engine lets it through. Checked against what each engine printed for the lab
// (test/fixtures/{chromium,firefox,webkit}.json), whichever engine's finding carries them.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Browser } from '../../src/core/message';
import type { RequestRecord } from '../../src/core/types';
import { messagesOf, validate } from '../../src/core/validate';

const words = (f: ReturnType<typeof validate>[number], record: RequestRecord) => messagesOf({ ...f, record });

interface Run {
  id: string;
  mode: string;
  kind: string;
  blocked: boolean;
  messages: string[];
  record: RequestRecord;
}
const load = (engine: Browser) => (JSON.parse(readFileSync(`test/fixtures/${engine}.json`, 'utf8')) as { scenarios: Run[] }).scenarios;
const ENGINES: Browser[] = ['chromium', 'firefox', 'webkit'];
/** Blocked without a CORS sentence (the response itself was refused), per engine. */
const SILENT = new Set(['edge-acao-nul', 'edge-acao-64k']);

describe.each(ENGINES)("each engine's words, on %s's recorded runs", (engine) => {
  const runs = load(engine).filter((r) => !SILENT.has(r.id));
  test.each(ENGINES)(`a finding from validate(record, '%s') carries ${engine}'s sentence, or null where ${engine} allowed`, (judge) => {
    let compared = 0;
    for (const r of runs) {
      const error = validate(r.record, judge).find((f) => f.severity === 'error');
      if (!error) continue;
      const messages = words(error, { ...r.record });
      expect(messages?.[judge], r.id).toBe(error.message);
      expect(messages?.[engine], `${r.id} (${r.mode})`).toBe(r.blocked ? r.messages[0] : null);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });
});

test('where the engines disagree, the other engine says null (lab edge-acao-bare-cr: only Chromium allows it)', () => {
  const run = load('webkit').find((r) => r.id === 'edge-acao-bare-cr' && r.mode === 'broken')!;
  const [error] = validate(run.record, 'webkit');
  expect(words(error!, run.record)).toEqual({ chromium: null, firefox: expect.stringContaining('Cross-Origin Request Blocked'), webkit: run.messages[0] });
});

test('warnings carry no messages (they are advice, not a block)', () => {
  const run = load('chromium').find((r) => r.id === 'control-no-vary' && r.mode === 'broken')!;
  const findings = validate(run.record);
  expect(findings.length).toBeGreaterThan(0);
  for (const f of findings) {
    expect('messages' in f).toBe(false);
    expect(words(f, run.record)).toBeUndefined();
  }
});
