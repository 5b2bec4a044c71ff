// Property: for any realistic blocked record (a real page origin, token methods and header names),
// applying every step of the error's fix with "set" semantics leaves no error and no warning, the
// responses the browser never reached included (as if sent without CORS headers): one round.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RequestRecord } from '../../src/core/types';
import { validate } from '../../src/core/validate';
import { record } from './arbitrary-record';
import { leftAfter } from './http';

describe('fixes (property)', () => {
  test('applying the whole plan leaves no error and no warning, for 3,000 random blocked records', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(record, (r) => {
        const rec = r as RequestRecord;
        const error = validate(rec).find((f) => f.severity === 'error');
        if (error === undefined) return;
        seen.add(error.rule);
        expect(leftAfter(rec, error.fix), error.rule).toEqual([]);
      }),
      { numRuns: 3_000 },
    );
    // The generator must reach most rules, or the property proves little.
    expect(seen.size).toBeGreaterThanOrEqual(10);
  }, 120_000);
});
