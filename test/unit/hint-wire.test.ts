// The hook → bridge wire: a batch of hints as one string (length-prefixed fields), and the
// per-document event name. The page can dispatch anything under a name it guessed: decoding never
// throws and never yields a partial hint.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHints, isKey } from '../../extension/content/handshake';

const encode = (hints: string[][]) => hints.map((fs) => fs.map((f) => `${f.length}:${f}`).join('')).join('');

describe('hint batches', () => {
  it('round-trips any fields, colons and digits included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 6, maxLength: 6 }), { maxLength: 20 }), (hints) => {
        expect(decodeHints(encode(hints))).toEqual(hints);
      }),
    );
  });

  it('never throws on junk, and yields only whole six-field hints', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        for (const h of decodeHints(junk)) expect(h).toHaveLength(6);
      }),
    );
    expect(decodeHints('99999999:x')).toEqual([]);
    expect(decodeHints(`${encode([['a', 'b', 'c', 'd', 'e', 'f']])}3:abc`)).toEqual([['a', 'b', 'c', 'd', 'e', 'f']]);
  });

  it('accepts only a per-document key shaped like the one the hook makes', () => {
    expect(isKey(`k${crypto.randomUUID()}`)).toBe(true);
    for (const v of ['ask', 'ok', '__cors_inspector_hint__', crypto.randomUUID(), 1, null]) expect(isKey(v)).toBe(false);
  });
});
