// The truth: for every scenario Chromium ran in the lab (test/fixtures/chromium.json, written by
// `npm run record`), validate() must block exactly when Chromium blocked, and its one error must be
// Chromium's console sentence, character for character.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { RequestRecord } from '../../src/core/types';
import { isBlocked, validate } from '../../src/core/validate';
import { leftAfter } from './http';

interface Scenario {
  id: string;
  mode: string;
  blocked: boolean;
  messages: string[];
  record: RequestRecord;
}

// JSON.parse, not a JSON import: a header value that is not UTF-8 keeps its bytes as lone
// surrogates (src/core/bytes.ts), which JSON.parse accepts and Vite's JSON loader refuses.
const fixture = JSON.parse(readFileSync('test/fixtures/chromium.json', 'utf8')) as { chromium: string; scenarios: Scenario[] };
const scenarios = fixture.scenarios;

describe(`agrees with Chromium ${fixture.chromium}`, () => {
  test('the fixture has at least 30 broken scenarios', () => {
    expect(scenarios.filter((s) => s.mode === 'broken').length).toBeGreaterThanOrEqual(30);
  });

  test.each(scenarios.map((s) => [`${s.id} (${s.mode})`, s] as const))('%s', (_name, s) => {
    const findings = validate(s.record);
    const errors = findings.filter((f) => f.severity === 'error');
    if (s.blocked && s.messages.length === 0) {
      // Chromium refused the response before any CORS check (lab kind 'net-error'): no sentence
      // to agree with, so no error of ours; the worker lists the block as Unexplained.
      expect(errors.map((e) => e.message)).toEqual([]);
    } else if (s.blocked) {
      expect(errors).toHaveLength(1);
      expect(s.messages).toContain(errors[0]!.message);
    } else {
      expect(errors.map((e) => e.message)).toEqual([]);
      expect(isBlocked(findings)).toBe(false);
    }
  });

  // The browser proof is the worker's e2e test; this is the cheap unit version of it. Responses
  // Chromium never reached count as sent without CORS headers.
  test.each(scenarios.filter((s) => s.blocked && s.messages.length > 0).map((s) => [`${s.id} (${s.mode})`, s] as const))(
    'the whole plan for %s leaves no error and no warning',
    (_n, s) => {
      const [error] = validate(s.record).filter((f) => f.severity === 'error');
      expect(leftAfter(s.record, error!.fix)).toEqual([]);
    },
  );

  // Chromium 156 lets ACAH '*' cover Authorization on a request without credentials (the spec and
  // WPT do not): allowed, so no error, but the validator warns that the spec says otherwise.
  test("Authorization under ACAH '*' without credentials: allowed, with a warning", () => {
    const s = scenarios.find((x) => x.id === 'control-acah-wildcard-authorization' && x.mode === 'broken')!;
    expect(s.blocked).toBe(false);
    expect(validate(s.record).map((f) => [f.severity, f.rule])).toEqual([['warning', 'wildcard-covers-authorization']]);
  });
});
