// The one redaction pass (src/core/redact.ts), shared by the panel's exports and the command line:
// generated secrets (JWTs, vendor-prefixed keys, long random tokens) put in every position a
// request can carry them (path segment, file name, query value under any name, fragment, userinfo,
// credential-named response headers, other header values, a redirect's Location, request headers)
// never come out of redactFinding, the CLI's --json finding or its text report; ordinary URLs
// (words, numbers, UUIDs, hex ids) come out as they went in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findingJson, renderJudged } from '../../src/cli/render';
import { terminalText } from '../../src/cli/output';
import { redactFinding, redactUrl } from '../../src/core/redact';
import { isSecretParam } from '../../src/core/secrets';
import type { HeaderLine, RequestRecord } from '../../src/core/types';
import { validate } from '../../src/core/validate';

const chars = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}_-`;

/** A base62 token of 24+ characters holding each class at least once (what "random" means here). */
const randomToken = fc
  .tuple(chars(ALNUM, 21, 45), chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1, 1), chars('abcdefghijklmnopqrstuvwxyz', 1, 1), chars('0123456789', 1, 1), fc.nat())
  .map(([body, u, l, d, at]) => {
    const s = [...body];
    for (const c of [u, l, d]) s.splice(at % (s.length + 1), 0, c);
    return s.join('');
  });
const jwt = fc.tuple(chars(B64URL, 8, 40), chars(B64URL, 8, 80), chars(B64URL, 0, 43)).map(([h, p, s]) => `eyJ${h}.${p}.${s}`);
const prefixed = fc.oneof(
  fc
    .tuple(fc.constantFrom('sk_live_', 'sk_test_', 'rk_live_', 'ghp_', 'gho_', 'ghs_', 'github_pat_', 'xoxb-', 'xoxp-', 'glpat-', 'npm_'), chars(ALNUM, 36, 40))
    .map(([p, r]) => p + r),
  chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16, 16).map((r) => `AKIA${r}`),
  chars(B64URL, 35, 35).map((r) => `AIza${r}`),
);
const secret = fc.oneof(jwt, prefixed, randomToken);
const paramName = chars('abcdefghijklmnopqrstuvwxyz', 1, 8);

/** A URL with the secret in one position; `shown` is how it appears in that URL. */
const positions: ((s: string, name: string) => { url: string; shown: string })[] = [
  (s) => ({ url: `https://api.example/v1/${s}/items`, shown: s }),
  (s) => ({ url: `https://api.example/files/${s}.json?page=2`, shown: s }),
  (s, n) => ({ url: `https://api.example/cb?${n}=${s}&page=2`, shown: s }),
  (s, n) => ({ url: `https://api.example/cb?${n}=${encodeURIComponent(s).replaceAll('.', '%2E')}`, shown: encodeURIComponent(s).replaceAll('.', '%2E') }),
  (s, n) => ({ url: `https://api.example/#${n}=${s}`, shown: s }),
  (s) => ({ url: `https://api.example/#/reset/${s}`, shown: s }),
  (s) => ({ url: `https://user:${s}@api.example/me`, shown: s }),
  (s) => ({ url: `https://${s}@api.example/me`, shown: s }),
];

const CREDENTIAL_NAMES = ['X-Auth-Token', 'X-Api-Key', 'X-Session-Id', 'X-CSRF-Token', 'Authentication-Info', 'X-Amz-Security-Token', 'Set-Cookie'];

function recordWith(s: string, url: string, headerName: string): RequestRecord {
  const request: HeaderLine[] = [
    { name: 'Authorization', value: `Bearer ${s}` },
    { name: 'Cookie', value: `sid=${s}` },
    { name: 'X-Api-Key', value: s },
    { name: 'Content-Type', value: `text/plain; boundary=${s}` },
  ];
  const response: HeaderLine[] = [
    { name: headerName, value: s },
    { name: 'X-Request-Trace', value: `id ${s} end` },
    { name: 'Location', value: `https://other.example/next?state=${s}` },
  ];
  return {
    method: 'GET',
    origin: 'https://app.example',
    credentials: 'include',
    initiator: 'fetch',
    requestHeaders: request,
    hops: [{ url, response: { status: 200, headers: response } }],
  };
}

describe('redaction: generated secrets in every position', () => {
  it('redactUrl removes the secret from every URL position', () => {
    fc.assert(
      fc.property(secret, paramName, fc.nat(positions.length - 1), (s, n, i) => {
        const { url, shown } = positions[i]!(s, n);
        expect(redactUrl(url)).not.toContain(shown);
      }),
      { numRuns: 400 },
    );
  });

  it('no finding leaves with it: the shared pass, the CLI --json finding and the CLI text report', () => {
    fc.assert(
      fc.property(secret, paramName, fc.nat(positions.length - 1), fc.constantFrom(...CREDENTIAL_NAMES), (s, n, i, headerName) => {
        const { url, shown } = positions[i]!(s, n);
        const record = recordWith(s, url, headerName);
        const findings = validate(record);
        expect(findings.length).toBeGreaterThan(0);
        const judged = { record, findings, blocked: true };
        const outputs = [
          ...findings.map((f) => JSON.stringify(redactFinding({ ...f, record }))),
          ...findings.map((f) => JSON.stringify(findingJson(f, judged))),
          terminalText(renderJudged(judged, { tty: false, color: false }, 'express'), false),
          terminalText(renderJudged(judged, { tty: true, color: true }, 'nginx'), true),
        ];
        for (const out of outputs) {
          expect(out).not.toContain(s);
          expect(out).not.toContain(shown);
        }
      }),
      // Each run renders every finding's fix (its snippets included): fewer runs, more room.
      { numRuns: 80 },
    );
  }, 60_000);
});

describe('redaction leaves ordinary URLs alone', () => {
  const word = chars('abcdefghijklmnopqrstuvwxyz0123456789-', 1, 20);
  const segment = fc.oneof(word, fc.uuid(), chars('0123456789abcdef', 40, 40), fc.nat().map(String));
  const param = fc
    .tuple(
      paramName.filter((n) => !isSecretParam(n)),
      chars('abcdefghijklmnopqrstuvwxyz0123456789', 0, 12),
    )
    .map(([k, v]) => `${k}=${v}`);

  it('paths of words, numbers, UUIDs and hex ids, and plain parameters, are unchanged', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.array(param, { maxLength: 4 }), (segments, params) => {
        const url = `https://api.example.com/${segments.join('/')}${params.length ? `?${params.join('&')}` : ''}`;
        expect(redactUrl(url)).toBe(url);
      }),
      { numRuns: 400 },
    );
  });
});
