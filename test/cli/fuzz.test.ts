// Hostile input to the command line's readers, generated: HAR files of any shape and pasted console
// text of any characters end in a report or in HarError (one line, exit 2), never in a crash, and
// what they print holds no raw control, bidi or separator character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderExplanation, runExplain } from '../../src/cli/explain';
import { HarError, judgeHar, readHar } from '../../src/cli/har';
import { jsonText, terminalText } from '../../src/cli/output';
import { findingJson, renderJudged } from '../../src/cli/render';

const RAW_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const RAW_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Strings that hurt: controls, C1, bidi, separators, lone surrogates, URLs, header-ish text. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    'https://api.example/x',
    'https://app.example',
    'null',
    '*',
    'true',
    'OPTIONS',
    'net::ERR_FAILED',
    'preflight',
    'fetch',
    'Access-Control-Allow-Origin',
    'Origin',
    'Cookie',
    '\u202e',
    '\u2028',
    '\u0085',
    '\x1b[2J',
    '\ud800',
  ),
);
const header = fc.record({ name: hostile, value: hostile });
const entry = fc.record(
  {
    request: fc.record({ method: hostile, url: hostile, headers: fc.oneof(fc.array(header, { maxLength: 5 }), fc.anything()) }, { requiredKeys: [] }),
    response: fc.record(
      {
        status: fc.oneof(fc.integer({ min: -1, max: 600 }), fc.anything()),
        headers: fc.oneof(fc.array(header, { maxLength: 5 }), fc.anything()),
        redirectURL: hostile,
        _error: hostile,
      },
      { requiredKeys: [] },
    ),
    _resourceType: hostile,
    pageref: hostile,
    _initiator: fc.oneof(fc.record({ type: hostile }), fc.anything()),
  },
  { requiredKeys: [] },
);
/** A failed cross-origin fetch the reader accepts, whose answer is hostile: it reaches the validator. */
const judged = fc.record({
  request: fc.record({
    method: fc.constantFrom('GET', 'PUT', 'OPTIONS'),
    url: fc.constantFrom('https://api.example/x', 'https://api.example/y?token=eyJhbGciOi.eyJzdWIiOi.c2ln'),
    headers: fc.array(header, { maxLength: 4 }).map((hs) => [{ name: 'Origin', value: 'https://app.example' }, ...hs]),
  }),
  response: fc.record({
    status: fc.constantFrom(0, 200, 204, 302, 401),
    headers: fc.array(
      fc.record({
        name: fc.constantFrom('Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Headers', 'Location', 'Vary'),
        value: hostile,
      }),
      { maxLength: 5 },
    ),
    _error: fc.constant('net::ERR_FAILED'),
  }),
  _resourceType: fc.constantFrom('fetch', 'xhr', 'preflight'),
});
const har = fc.oneof(
  fc.record({
    log: fc.record(
      {
        entries: fc.array(fc.oneof(entry, judged, fc.anything()), { maxLength: 12 }),
        pages: fc.array(fc.record({ id: hostile, title: hostile }), { maxLength: 3 }),
      },
      { requiredKeys: ['entries'] },
    ),
  }),
  fc.anything(),
);

describe('har input, generated', () => {
  it('every shape ends in a report or a HarError; the output holds no raw control', () => {
    fc.assert(
      fc.property(har, fc.boolean(), (h, asText) => {
        const text = asText ? (JSON.stringify(h) ?? '') : String(JSON.stringify(h)).slice(0, 50);
        let entries;
        try {
          entries = readHar(text);
        } catch (err) {
          expect(err).toBeInstanceOf(HarError);
          expect((err as Error).message).not.toContain('\n');
          return;
        }
        for (const j of judgeHar(entries)) {
          expect(terminalText(renderJudged(j, { tty: false, color: false }, 'express'), false)).not.toMatch(RAW_TEXT);
          expect(jsonText(j.findings.map((f) => findingJson(f, j)))).not.toMatch(RAW_JSON);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('pasted console text, generated', () => {
  const sentence = fc
    .tuple(hostile, hostile, hostile)
    .map(
      ([url, origin, value]) =>
        `Access to fetch at '${url}' from origin '${origin}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value '${value}' that is not equal to the supplied origin.`,
    );
  it('explain never throws, and prints no raw control in text or JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), sentence), (text) => {
        const x = runExplain(text, 'nginx');
        expect(terminalText(renderExplanation(x, { tty: false, color: false }, 'nginx'), false)).not.toMatch(RAW_TEXT);
        expect(jsonText(x)).not.toMatch(RAW_JSON);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
