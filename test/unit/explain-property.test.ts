// Property: whatever a random blocked record makes an engine say, explain() on those words names
// the rule the validator gave, and never answers with '*' or 'null' as the origin to allow.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explain } from '../../src/core/explain';
import type { RequestRecord } from '../../src/core/types';
import { validate, type Browser } from '../../src/core/validate';
import { record } from './arbitrary-record';
import { family, PASTED } from './pasted-lines';

interface Run {
  blocked: boolean;
  messages: string[];
  loads?: string[];
  record: RequestRecord;
}

describe('explain (property)', () => {
  test.each(['chromium', 'firefox', 'webkit'] as Browser[])(
    '%s: the sentence of 2,000 random blocked records names its rule',
    (browser) => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(record, (r) => {
          const error = validate(r as RequestRecord, browser).find((f) => f.severity === 'error');
          if (error === undefined) return;
          seen.add(error.rule);
          const text = browser === 'webkit' ? `${error.message}\n${error.loadError ?? ''}` : error.message;
          const answer = explain(text);
          const ids = answer.errors.flatMap((e) => e.rules.map((x) => x.id));
          expect(ids, text).toContain(error.rule);
          for (const e of answer.errors)
            for (const x of e.rules) for (const s of x.steps) expect(s.headers.join('\n')).not.toMatch(/^Access-Control-Allow-Origin: (\*|null)$/m);
        }),
        { numRuns: 2_000 },
      );
      expect(seen.size).toBeGreaterThanOrEqual(8);
    },
    120_000,
  );
});

// Property: paste damage at random (a space lost, a line broken, a quote mark changed for another,
// the end cut off, words re-cased, markup around, the text twice, a wrap after a hyphen) never
// makes explain() name a rule the words cannot mean. It may make the text unknown. (A lost quote
// or letter inside a value changes the value, and with it, rightly, the rule.)
const RECORDED = (['chromium', 'firefox', 'webkit'] as const).flatMap((browser) =>
  (JSON.parse(readFileSync(`test/fixtures/${browser}.json`, 'utf8')) as { scenarios: Run[] }).scenarios.flatMap((run) => {
    const error = validate(run.record, browser).find((f) => f.severity === 'error');
    if (!run.blocked || !run.messages[0] || !error) return [];
    const text = browser === 'webkit' && run.loads?.[0] ? `${run.messages[0]}\n${run.loads[0]}` : run.messages[0];
    return [{ text, allowed: family(error.rule) }];
  }),
);
const SOURCES = [...RECORDED, ...PASTED.filter((l) => l.errors.length > 0).map((l) => ({ text: l.text, allowed: [...new Set(l.errors.flat())] }))];

type Op = (t: string, at: number) => string;
const spot = (t: string, at: number): number => (t.length === 0 ? 0 : at % t.length);
const OPS: Op[] = [
  (t, at) => t.replace(/ /g, (sp, i: number) => (i % 11 === at % 11 ? '' : sp)),
  (t, at) => t.slice(0, spot(t, at)).replace(/ ([^ ]*)$/, '\n$1') + t.slice(spot(t, at)),
  (t, at) => t.replace(/['‘’"“”]/g, (q, i: number) => (i % 7 === at % 7 ? ['`', '"', "'", '’', '‘'][at % 5]! : q)),
  (t, at) => t.slice(0, Math.max(0, t.length - 1 - (at % 3))),
  (t, at) => t.replace(/\b[A-Za-z][\w-]*\b/g, (w, i: number) => (i % 5 === at % 5 ? (at % 2 ? w.toUpperCase() : w.toLowerCase()) : w)),
  (t, at) => [`<strong>${t}</strong>`, `\`${t}\``, `> ${t}`, `"${t}"`, `[Error] ${t}`][at % 5]!,
  (t, at) => (at % 2 ? `${t} ${t}` : `${t}\n${t}`),
  (t, at) => t.replace(/-/g, (h, i: number) => (i % 3 === at % 3 ? '-\n' : h)),
];

describe('explain under random paste damage (property)', () => {
  test('2,000 damaged lines (recorded and pasted): no rule the words cannot mean', () => {
    expect(SOURCES.length).toBeGreaterThan(150);
    fc.assert(
      fc.property(fc.nat(SOURCES.length - 1), fc.array(fc.tuple(fc.nat(OPS.length - 1), fc.nat(10_000)), { minLength: 1, maxLength: 4 }), (pick, ops) => {
        const { text, allowed } = SOURCES[pick]!;
        const damaged = ops.reduce((t, [op, at]) => OPS[op]!(t, at), text);
        for (const e of explain(damaged).errors) for (const r of e.rules) expect(allowed, damaged).toContain(r.id);
      }),
      { numRuns: 2_000 },
    );
  }, 120_000);
});
