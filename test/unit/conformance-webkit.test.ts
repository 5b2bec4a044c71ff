// WebKit's truth: for every scenario WebKitGTK ran in the lab (test/fixtures/webkit.json, written
// by `npm run record:webkit`), validate(record, 'webkit') must block exactly when WebKit blocked,
// and its one error must be WebKit's SECURITY error line, character for character, with the
// "… cannot load … due to access control checks." line that followed it as `loadError`.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { WebKitObservation } from '../../lab/webkit-oracle';
import { isBlocked, validate } from '../../src/core/validate';
import { webkitKeyOf } from '../../src/core/webkit';

// JSON.parse, not a JSON import: non-UTF-8 header bytes are kept as lone surrogates (src/core/bytes.ts).
const fixture = JSON.parse(readFileSync('test/fixtures/webkit.json', 'utf8')) as { webkit: string; scenarios: WebKitObservation[] };
const scenarios = fixture.scenarios;
/** Blocked without a word: WebKitGTK failed the load before any CORS check. */
const SILENT = ['edge-acao-64k', 'edge-acao-nul'];

describe(`agrees with ${fixture.webkit}`, () => {
  test('the fixture has at least 30 blocked broken scenarios and no blocked fixed one', () => {
    expect(scenarios.filter((s) => s.mode === 'broken' && s.blocked).length).toBeGreaterThanOrEqual(30);
    expect(scenarios.filter((s) => s.mode === 'fixed' && s.blocked).map((s) => s.id)).toEqual([]);
  });

  test('only the runs WebKit failed before CORS are blocked without a SECURITY error', () => {
    expect(
      scenarios
        .filter((s) => s.blocked && s.messages.length === 0)
        .map((s) => s.id)
        .sort(),
    ).toEqual(SILENT);
  });

  test('every recorded reason matches one of our WebKit templates', () => {
    const unknown = scenarios.flatMap((s) => s.messages).filter((m) => webkitKeyOf(m) === undefined);
    expect(unknown).toEqual([]);
  });

  test.each(scenarios.map((s) => [`${s.id} (${s.mode})`, s] as const))('%s', (_name, s) => {
    const findings = validate(s.record, 'webkit');
    const errors = findings.filter((f) => f.severity === 'error');
    if (s.blocked && s.id === 'edge-acao-nul') {
      // A NUL byte: no response arrived, and the record has none to judge.
      expect(errors).toEqual([]);
    } else if (s.blocked && s.id === 'edge-acao-64k') {
      // A 64 KB header line: WebKitGTK fails the load silently; our verdict (blocked) agrees, the
      // words cannot (docs/webkit-notes.md).
      expect(isBlocked(findings)).toBe(true);
    } else if (s.blocked) {
      expect(errors).toHaveLength(1);
      expect(s.messages).toHaveLength(1);
      expect(errors[0]!.message).toBe(s.messages[0]);
      expect([errors[0]!.loadError]).toEqual(s.loads);
    } else {
      expect(errors.map((e) => e.message)).toEqual([]);
      expect(isBlocked(findings)).toBe(false);
    }
  });
});
