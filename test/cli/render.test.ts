// Header values from the network are hostile: nothing they hold may drive the terminal.
import { describe, expect, it } from 'vitest';
import { renderJudged } from '../../src/cli/render';
import { safe } from '../../src/cli/style';
import { validate } from '../../src/core/validate';
import type { RequestRecord } from '../../src/core/types';

describe('terminal output', () => {
  it('shows escape sequences, other controls and bidi overrides as visible markers', () => {
    expect(safe('a\x1b[2Jb\u202ec\x9bd')).toBe('a⟨U+001B⟩[2Jb⟨U+202E⟩c⟨U+009B⟩d');
    expect(safe('line one\n\nline two\tend')).toBe('line one\n\nline two\tend');
  });

  it('prints a hostile ACAO value without a single raw control character', () => {
    const record: RequestRecord = {
      method: 'GET',
      origin: 'https://app.example',
      credentials: 'include',
      initiator: 'fetch',
      requestHeaders: [],
      hops: [
        {
          url: 'https://api.example/x',
          response: {
            status: 200,
            headers: [
              { name: 'Access-Control-Allow-Origin', value: 'https://evil.example\x1b]0;pwned\x07\u202e' },
              { name: 'Access-Control-Allow-Credentials', value: 'true' },
            ],
          },
        },
      ],
    };
    const findings = validate(record);
    for (const tty of [true, false]) {
      const out = renderJudged({ record, findings, blocked: true }, { tty, color: false }, 'express');
      expect(out).toContain('BLOCKED');
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    }
  });
});
