// Property: whatever a random blocked record makes an engine say, explain() on those words names
// the rule the validator gave, and never answers with '*' or 'null' as the origin to allow.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explain } from '../../src/core/explain';
import type { RequestRecord } from '../../src/core/types';
import { validate, type Browser } from '../../src/core/validate';
import { record } from './arbitrary-record';

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
