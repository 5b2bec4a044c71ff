// Header values from the network are hostile: nothing they hold may drive the terminal.
import { describe, expect, it } from 'vitest';
import { renderJudged } from '../../src/cli/render';
import { errorLine, jsonPieces, jsonText, progressLine, terminalText, writePieces } from '../../src/cli/output';
import { paint, safe } from '../../src/cli/style';
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

describe('output.ts: the one place', () => {
  it('JSON escapes C1, bidi and separators that JSON.stringify passes; a parser reads the original', () => {
    const value = { hint: 'a\u0085b\u202ec\u2028d\u2029e\u200bf\ufeffg\u001bh' };
    const text = jsonText(value);
    expect(text).not.toMatch(/[\u0085\u202e\u2028\u2029\u200b\ufeff\u001b]/);
    expect(text).toContain('a\\u0085b\\u202ec\\u2028d\\u2029e\\u200bf\\ufeffg\\u001bh');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('text keeps only the colour codes paint writes; a forged one from the network stays visible', () => {
    const style = { tty: true, color: true };
    const out = terminalText(`${paint(style, 'red', 'BLOCKED')} ${safe('\x1b[32mok\x1b]0;title\x07')}\u2028`, true);
    expect(out).toBe('\x1b[31mBLOCKED\x1b[39m ⟨U+001B⟩[32mok⟨U+001B⟩]0;title⟨U+0007⟩⟨U+2028⟩');
    // Without colour no escape sequence passes at all, ours included.
    expect(terminalText(paint(style, 'red', 'x'), false)).toBe('⟨U+001B⟩[31mx⟨U+001B⟩[39m');
  });

  it('a progress line only after a second, then at most one a second', () => {
    let now = 0;
    const lines: string[] = [];
    const tick = progressLine({ write: (t: string) => lines.push(t) }, () => now);
    for (const t of [0, 500, 999, 1000, 1500, 1999, 2000, 2100, 3500]) {
      now = t;
      tick(`at ${t}\u202e`);
    }
    expect(lines).toEqual(['cors-inspector: at 1000⟨U+202E⟩\n', 'cors-inspector: at 2000⟨U+202E⟩\n', 'cors-inspector: at 3500⟨U+202E⟩\n']);
  });
});

describe('error lines', () => {
  it('one line, no raw control, and no token from a URL or a Location', () => {
    const lines: string[] = [];
    errorLine(
      { write: (t: string) => lines.push(t) },
      "the redirect's Location is not a URL: https://u:pw@x.example/cb?access_token=T0K\n\u202e ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    );
    expect(lines).toEqual(["cors-inspector: the redirect's Location is not a URL: https://x.example/cb?access_token=REDACTED ⟨U+202E⟩ REDACTED\n"]);
  });
});

describe('output in pieces', () => {
  it('jsonPieces writes the characters jsonText writes, each repeated item serialized once', () => {
    const shared = { verdict: 'blocked', findings: [{ message: 'a\nb \u202e \u2028 "q"', nested: { list: [1, [], {}] } }] };
    const other = { verdict: 'allowed', findings: [] };
    const head = { servers: [{ origin: 'https://api.example', requests: ['failed-1'] }] };
    for (const items of [[shared, shared, other, shared], [other], []]) {
      const pieces = [...jsonPieces(head, 'requests', items)];
      expect(pieces.join('')).toBe(jsonText({ ...head, requests: items }));
      if (items.length > 1) expect(pieces.length).toBeGreaterThan(1);
    }
  });

  it('writePieces writes everything, in few writes', () => {
    const writes: string[] = [];
    const pieces = Array.from({ length: 3000 }, (_, i) => `${i}:${'x'.repeat(100)}\n`);
    writePieces({ write: (t: string) => writes.push(t) }, pieces);
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.length).toBeLessThan(10);
  });
});
