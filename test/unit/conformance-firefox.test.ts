// Firefox's truth: for every scenario Firefox ESR ran in the lab (test/fixtures/firefox.json,
// written by `npm run record:firefox`), validate(record, 'firefox') must block exactly when Firefox
// blocked, and its one error must be Firefox's console sentence, character for character, with
// the MDN reason code and link of that sentence, and the lines Firefox logs after it (followUp).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { FirefoxObservation } from '../../lab/firefox-oracle';
import { isBlocked, validate } from '../../src/core/validate';

// JSON.parse, not a JSON import: non-UTF-8 header bytes are kept as lone surrogates (src/core/bytes.ts).
const fixture = JSON.parse(readFileSync('test/fixtures/firefox.json', 'utf8')) as { firefox: string; scenarios: FirefoxObservation[] };
const scenarios = fixture.scenarios;
const GENERIC = 'CORSDidNotSucceed2';

describe(`agrees with ${fixture.firefox}`, () => {
  test('the fixture has at least 30 blocked broken scenarios and no blocked fixed one', () => {
    expect(scenarios.filter((s) => s.mode === 'broken' && s.blocked).length).toBeGreaterThanOrEqual(30);
    expect(scenarios.filter((s) => s.mode === 'fixed' && s.blocked).map((s) => s.id)).toEqual([]);
  });

  test.each(scenarios.map((s) => [`${s.id} (${s.mode})`, s] as const))('%s', (_name, s) => {
    const findings = validate(s.record, 'firefox');
    const errors = findings.filter((f) => f.severity === 'error');
    if (s.kind === 'net-error' && s.mode === 'broken') {
      // The response itself was refused (a NUL byte): Firefox only says "CORS request did not
      // succeed", and the record has no response to judge; the worker lists it as unexplained.
      expect(s.reasons.map((r) => r.key)).toEqual([GENERIC]);
      expect(errors).toEqual([]);
    } else if (s.blocked) {
      expect(errors).toHaveLength(1);
      const error = errors[0]!;
      // The first sentence is the reason; what Firefox logs after it for the same request (a failed
      // preflight's "did not succeed") is the finding's followUp, line for line.
      expect(error.message).toBe(s.messages[0]);
      expect([error.message, ...(error.followUp ?? [])]).toEqual(s.messages);
      const reason = s.reasons[0]!;
      expect(error.docs).toBe(reason.link);
      expect(reason.link).toContain(error.code);
    } else {
      expect(errors.map((e) => e.message)).toEqual([]);
      expect(isBlocked(findings)).toBe(false);
    }
  });
});
