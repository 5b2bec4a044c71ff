// explain() against the engines' own recorded words: every blocked run of the lab, in Chromium
// (test/fixtures/chromium.json), Firefox (firefox.json) and WebKit (webkit.json), pasted back must
// name the rule the validator gave for that run; the four "Common Errors" phrasings map; unknown
// text stays unknown.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { explain } from '../../src/core/explain';
import { renderExplanation } from '../../src/cli/explain';
import { redactUrl } from '../../src/core/secrets';
import type { RequestRecord } from '../../src/core/types';
import { validate, type Browser } from '../../src/core/validate';

interface Run {
  id: string;
  mode: string;
  blocked: boolean;
  messages: string[];
  /** WebKit: the "… cannot load …" JS error after each reason. */
  loads?: string[];
  record: RequestRecord;
}

const load = (file: string): Run[] => (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: Run[] }).scenarios;
const ENGINES: [Browser, Run[]][] = [
  ['chromium', load('test/fixtures/chromium.json')],
  ['firefox', load('test/fixtures/firefox.json')],
  ['webkit', load('test/fixtures/webkit.json')],
];

/** The run's console output as the engine printed it (WebKitGTK: SECURITY reason, then JS error). */
const consoleText = (browser: Browser, run: Run): string =>
  browser === 'webkit'
    ? run.messages.map((m, i) => `CONSOLE SECURITY ERROR ${m}\nCONSOLE JS ERROR ${run.loads?.[i] ?? ''}`).join('\n')
    : run.messages.join('\n');

/** Runs the validator gives an error for, with that error's rule. */
function judged(browser: Browser, runs: Run[]): [string, Run, string][] {
  return runs.flatMap((r) => {
    const error = validate(r.record, browser).find((f) => f.severity === 'error');
    return r.blocked && r.messages.length > 0 && error ? [[`${r.id} (${r.mode})`, r, error.rule] as [string, Run, string]] : [];
  });
}

const ruleIds = (text: string): string[] => explain(text).errors.flatMap((e) => e.rules.map((r) => r.id));

describe.each(ENGINES)('every recorded %s sentence', (browser, runs) => {
  const cases = judged(browser, runs);
  test('there are at least 30 blocked runs with a sentence', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)('%s: its first sentence names the rule', (_n, run, rule) => {
    const answer = explain(run.messages[0]!);
    expect(answer.known).toBe(true);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]!.engine).toBe(browser);
    expect(answer.errors[0]!.rules.map((r) => r.id)).toContain(rule);
    // The cure never allows '*' or 'null' with credentials.
    for (const r of answer.errors[0]!.rules) for (const st of r.steps) expect(st.headers.join('\n')).not.toMatch(/^Access-Control-Allow-Origin: (\*|null)$/m);
    // The sentences that follow (Firefox's "CORS request did not succeed") are known words too.
    for (const m of run.messages.slice(1)) expect(explain(m).known).toBe(true);
  });

  test.each(cases)('%s: the whole console text names the rule', (_n, run, rule) => {
    if (browser === 'webkit' && run.loads?.[0]) {
      // The URL comes from the "cannot load" line that follows the reason.
      const url = /cannot load (\S+) due to/.exec(run.loads[0])![1]!;
      expect(explain(consoleText(browser, run)).errors[0]!.read.url).toBe(redactUrl(url));
    }
    expect(ruleIds(consoleText(browser, run))).toContain(rule);
  });
});

describe('the four "Common Errors" phrasings', () => {
  test("Chrome's empty Access-Control-Allow-Credentials: allow-credentials, the value read, origin and URL asked for", () => {
    const [e] = explain(
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    ).errors;
    expect(e!.engine).toBe('chromium');
    expect(e!.rules.map((r) => r.id)).toEqual(['allow-credentials']);
    expect(e!.read).toEqual({ value: '' });
    expect(e!.missing).toEqual(['origin', 'url']);
    expect(e!.rules[0]!.steps[0]!.headers).toEqual([
      'Access-Control-Allow-Origin: <your page origin>',
      'Access-Control-Allow-Credentials: true',
      'Vary: Origin',
    ]);
  });

  test("Safari's wildcard sentence, as WebKitGTK printed it with the line after it", () => {
    const text = [
      'CONSOLE SECURITY ERROR Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
      'CONSOLE JS ERROR Fetch API cannot load http://localhost:44305/star due to access control checks.',
      'CONSOLE SECURITY ERROR Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
      'CONSOLE SECURITY ERROR Preflight response is not successful. Status code: 401',
    ].join('\n');
    const errors = explain(text).errors;
    expect(errors.map((e) => [e.engine, e.rules.map((r) => r.id), e.stage])).toEqual([
      ['webkit', ['wildcard-origin'], undefined],
      ['webkit', ['allow-credentials'], undefined],
      ['webkit', ['preflight-status'], 'preflight'],
    ]);
    expect(errors[0]!.read).toEqual({ url: 'http://localhost:44305/star' });
    expect(errors[0]!.missing).toEqual(['origin']);
    expect(errors[2]!.read.status).toBe(401);
    expect(ruleIds('Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.')).toEqual(['wildcard-origin']);
  });

  test.each([
    ["Preflight response for a credentialed request is missing the 'Access-Control-Allow-Credentials' header.", 'preflight'],
    ["Actual response for a credentialed request is missing the 'Access-Control-Allow-Credentials' header.", 'response'],
    ['actual response for a credentialed request is missing the Access-Control-Allow-Credentials header', 'response'],
  ])('%s → allow-credentials on the %s', (text, stage) => {
    const [e] = explain(text).errors;
    expect(e!.engine).toBe('paraphrase');
    expect(e!.rules.map((r) => r.id)).toEqual(['allow-credentials']);
    expect(e!.stage).toBe(stage);
    expect(e!.rules[0]!.steps[0]!.stage).toBe(stage);
  });
});

describe('what is read from the text', () => {
  const head = "Access to fetch at 'https://api.example.net/me?token=abc' from origin 'https://app.example.com' has been blocked by CORS policy: ";

  test('the URL (credential-like parameters masked), the origin, the preflight stage, and a cure with them', () => {
    const [e] = explain(
      `${head}Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
    ).errors;
    expect(e!.rules.map((r) => r.id)).toEqual(['wildcard-origin']);
    expect(e!.stage).toBe('preflight');
    expect(e!.read).toEqual({ url: 'https://api.example.net/me?token=REDACTED', origin: 'https://app.example.com' });
    expect(e!.missing).toEqual([]);
    const cure = e!.rules[0]!;
    expect(cure.steps.map((s) => s.stage)).toEqual(['preflight', 'response']);
    for (const s of cure.steps) expect(s.headers).toContain('Access-Control-Allow-Origin: https://app.example.com');
    expect(JSON.stringify([cure.steps, cure.notes])).not.toMatch(/Allow-Origin: \*|<your page origin>/);
    expect(cure.explanation).toContain('https://app.example.com');
  });

  test('console decoration and line breaks do not matter', () => {
    const text = [
      'Uncaught (in promise) app.js:12:5 ' + head.slice(0, head.indexOf(' from')),
      head.slice(head.indexOf(' from') + 1) + "No 'Access-Control-Allow-Origin' header",
      'is present on the requested resource.',
    ].join('\n');
    const [e] = explain(text).errors;
    expect(e!.rules.map((r) => r.id)).toEqual(['missing-allow-origin']);
    expect(e!.read.origin).toBe('https://app.example.com');
  });

  test('Chromium names the redirect: "redirected from" is read, and a tainted origin is told from a mismatch', () => {
    const text =
      "Access to fetch at 'https://login.example.org/sso' (redirected from 'https://api.example.net/me') from origin 'https://app.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value.";
    const [e] = explain(text).errors;
    expect(e!.read.redirectedFrom).toBe('https://api.example.net/me');
    expect(e!.rules.map((r) => r.id)).toEqual(['redirect-tainted-origin']);
  });

  test("WebKit's redirect wrapper: the stage is the redirect, its target is read, and the fix is on the redirect", () => {
    const [e] = explain(
      'Cross-origin redirection to https://login.example.org/sso denied by Cross-Origin Resource Sharing policy: Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 302\nFetch API cannot load https://api.example.net/me due to access control checks.',
    ).errors;
    expect(e!.stage).toBe('redirect');
    expect(e!.read).toEqual({ url: 'https://api.example.net/me', redirectTo: 'https://login.example.org/sso', origin: 'https://app.example.com', status: 302 });
    // The value is not in WebKit's words: every rule it may be is listed, each with its cure.
    expect(e!.rules.map((r) => r.id)).toContain('missing-allow-origin');
    for (const r of e!.rules) expect(r.steps[0]!.stage).toBe('redirect');
  });

  test('words several rules share are answered with every rule that fits, never one picked', () => {
    const ids = ruleIds(
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.net/me. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://other.example’).',
    );
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toContain('allow-origin-mismatch');
    expect(ids).toContain('redirect-tainted-origin');
    // ‘null’ is told apart by the validator itself: only null-allow-origin reports it.
    expect(ruleIds('(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘null’).')).toEqual(['null-allow-origin']);
  });
});

test('Firefox\'s "CORS request did not succeed" alone says it may be no CORS error at all', () => {
  const [e] = explain(
    'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.net/me. (Reason: CORS request did not succeed). Status code: (null).',
  ).errors;
  expect(e!.note).toMatch(/^Firefox says this whenever the request failed below CORS too/);
  expect(e!.read).toEqual({ url: 'https://api.example.net/me' });
});

describe('unknown or hostile text', () => {
  test.each(['', 'hello', 'TypeError: Failed to fetch', "Access to fetch at 'x' from origin 'y' has been blocked by CORS policy: something new."])(
    '%j is not a sentence it knows',
    (text) => {
      expect(explain(text)).toEqual({ known: false, errors: [] });
    },
  );

  test('HTML and control characters come back as text, and a huge paste answers quickly', () => {
    // Formatting tags (<b>, <strong>) are paste damage and go; any other markup is the value's own text.
    const html =
      "<img src=x onerror=alert(1)>\u0000\u001b[31m The 'Access-Control-Allow-Origin' header contains the <b>invalid</b> value '<svg onload=alert(1)>x'.";
    const [e] = explain(html).errors;
    expect(e!.read.value).toBe('<svg onload=alert(1)>x');
    const start = performance.now();
    const flood = "The 'Access-Control-Allow-Origin' header contains multiple values '".repeat(20_000);
    expect(explain(flood).known).toBe(false);
    // A sentence's first words repeated, before or after its last words: one scan, not one per start.
    expect(explain('Method '.repeat(18_000)).known).toBe(false);
    expect(explain(`Method X is not allowed by Access-Control-Allow-Methods in preflight response. ${'Method '.repeat(18_000)}`).errors).toHaveLength(1);
    expect(explain('x'.repeat(5_000_000)).known).toBe(false);
    expect(explain(undefined as unknown as string).known).toBe(false);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

// explain() asks for the origin and URL when the text lacks them; it never guesses. Every
// status, method, URL and origin the answer shows must come from the pasted text or from the cure
// itself (204 to send; in a snippet, the GET and POST every config lists and the statuses its
// comments name); the rest is a <placeholder>.
const STYLE = { tty: false, color: false };
const STACKS = ['express', 'nginx', 'django', 'spring'] as const;
// A URL up to a quote, a bracket, an escape or a character the answer may show escaped: what is
// left is a prefix of the value as pasted.
const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[!#-&*-;=?-[\]-~]+/gi;
const METHODS = /\b(GET|HEAD|POST|PUT|DELETE|PATCH|CONNECT|TRACE)\b/g;
// Words that are the rule, the cure or the question, not a value: "not GET, HEAD or POST", the
// form of an origin and of a method list, "answer it with 401 (or 403)" instead of a redirect, the
// example the CLI asks with.
const WORDING =
  /GET, HEAD(?:,| or| and) POST|\(for example "PUT, DELETE"\)|scheme:\/\/host\[:port\]|(?:→|[Aa]nswer(?: it with)?) 401(?: \(or 403\))?|"return 302"|\(e\.g\. https:\/\/app\.example\.com\)/g;

/** Each value in `answer` the text did not give: a URL/origin, a status or a method. */
function madeUp(input: string, answer: string, cure: { statuses: string[]; methods: string[] }): string[] {
  const given = input.replace(/\s+/g, ' ');
  const givenUrls = [...given.matchAll(URLS)].flatMap((m) => [m[0], redactUrl(m[0])]);
  const said = (word: string): boolean => new RegExp(`\\b${word}\\b`, 'i').test(given);
  const out: string[] = [];
  const text = answer.replace(WORDING, ' ');
  // An origin or URL the text names (up to where it shows escaped), or the origin of a URL given.
  for (const m of text.matchAll(URLS)) {
    const url = m[0].replace(/[.:;]+$/, '');
    if (!givenUrls.some((g) => g.startsWith(url))) out.push(url);
  }
  const prose = text.replace(URLS, ' ');
  for (const m of prose.matchAll(/\b[1-5]\d\d\b/g)) if (m[0] !== '204' && !cure.statuses.includes(m[0]) && !said(m[0])) out.push(m[0]);
  for (const m of prose.matchAll(METHODS)) if (!cure.methods.includes(m[0]) && !said(m[0])) out.push(m[0]);
  return [...new Set(out)];
}

/** What the answer to `text` shows: the CLI's text, and the JSON's explanations, steps and notes. */
function shown(text: string): string {
  const x = explain(text);
  return [renderExplanation(x, STYLE), ...x.errors.flatMap((e) => e.rules.flatMap((r) => [r.explanation, JSON.stringify(r.steps), ...r.notes]))].join('\n');
}
const snippets = (text: string): string =>
  STACKS.flatMap((stack) => explain(text, { stack }).errors.flatMap((e) => e.rules.map((r) => r.snippet ?? ''))).join('\n');
const SNIPPET_CURE = { statuses: ['401', '403', '404'], methods: ['GET', 'POST'] };

describe.each(ENGINES)('no value the %s text does not give', (browser, runs) => {
  const cases = judged(browser, runs);
  test.each(cases)('%s', (_n, run) => {
    // And an answer: every rule named comes with its explanation and cure (Chromium's "Method PUT is
    // not allowed … in preflight response." has no "Response to preflight request" head).
    for (const r of explain(run.messages[0]!).errors[0]!.rules) expect([r.id, r.explanation !== '', r.steps.length > 0]).toEqual([r.id, true, true]);
    for (const text of [run.messages[0]!, consoleText(browser, run)]) {
      expect(madeUp(text, shown(text), { statuses: [], methods: [] })).toEqual([]);
      expect(madeUp(text, snippets(text), SNIPPET_CURE)).toEqual([]);
    }
  });
});

describe("the issue's example: Chromium's preflight redirect", () => {
  const head = "Access to fetch at 'http://api.test/x' from origin 'http://app.test' has been blocked by CORS policy: ";
  const reason = 'Redirect is not allowed for a preflight request.';

  test('neither the status nor the method is made up; credentials are said to be assumed', () => {
    const [e] = explain(`${head}Response to preflight request doesn't pass access control check: ${reason}`).errors;
    const r = e!.rules[0]!;
    expect(r.id).toBe('preflight-redirect');
    expect(r.explanation).toContain('http://api.test/x (status <redirect status>)');
    // A preflight is for a method or for headers: the text says neither.
    expect(r.explanation).toContain('because its method is not GET, HEAD or POST, or it sets headers a plain form could not send');
    expect(r.steps[0]!.status).toMatch(/^<redirect status> → 204: /);
    expect(r.steps[0]!.headers).toContain('Access-Control-Allow-Methods: <your method>');
    expect(JSON.stringify(r)).not.toMatch(/\b(302|GET)\b(?!, HEAD)/);
    expect(e!.credentials).toBe('assumed');
    expect(renderExplanation(explain(`${head}${reason}`), STYLE)).toContain("Credentials mode: 'include', assumed: the text does not say it");
  });

  test('without "Response to preflight request …" (a retelling): still the cure, on the preflight, with a note', () => {
    const [e] = explain(`${head}${reason}`).errors;
    expect(e!.stage).toBe('preflight');
    expect(e!.note).toMatch(/^Chromium prints "Response to preflight request doesn't pass access control check:" before this reason/);
    const r = e!.rules[0]!;
    expect(r.id).toBe('preflight-redirect');
    expect(r.steps.map((s) => s.stage)).toEqual(['preflight', 'response']);
    expect(r.explanation).toContain('The preflight response to OPTIONS http://api.test/x (status <redirect status>) redirects');
  });

  test('a status the text gives is kept: WebKit\'s "Status code: 307"', () => {
    const [e] = explain('Preflight response is not successful. Status code: 307\nFetch API cannot load http://api.test/x due to access control checks.').errors;
    const redirect = e!.rules.find((r) => r.id === 'preflight-redirect')!;
    expect(redirect.steps[0]!.status).toMatch(/^307 → 204: /);
    expect(redirect.explanation).toContain('(status 307)');
  });

  test("Chromium's method sentence gives the method, and its cure lists it", () => {
    const [e] = explain(`${head}Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.`).errors;
    expect(e!.stage).toBe('preflight');
    expect(e!.note).toBeUndefined();
    expect(e!.rules[0]!.steps[0]!.headers).toContain('Access-Control-Allow-Methods: PUT');
    expect(e!.rules[0]!.explanation).toMatch(/^The request uses PUT, and the preflight response to OPTIONS http:\/\/api\.test\/x sends/);
  });
});

test.each([
  [
    "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    'said',
  ],
  ['Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.', 'said'],
  ["Preflight response for a credentialed request is missing the 'Access-Control-Allow-Credentials' header.", 'said'],
  ["No 'Access-Control-Allow-Origin' header is present on the requested resource.", 'assumed'],
  ['Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200', 'assumed'],
])('the credentials mode of %j: %s', (text, how) => {
  expect(explain(text).errors[0]!.credentials).toBe(how);
});

describe('older words, paste damage, follow-up lines and the page-side alternative', () => {
  const at = "Access to fetch at 'https://api.example.net/me' from origin 'https://app.example.com' has been blocked by CORS policy: ";
  const firefox = (reason: string): string =>
    `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.net/me. (Reason: ${reason}`;

  test("Chrome's older words name the era, and its 'Origin … is therefore not allowed access.' gives the origin", () => {
    const [e] = explain(
      "XMLHttpRequest cannot load https://api.example.net/me. A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header when the credentials flag is true. Origin 'https://app.example.com' is therefore not allowed access.",
    ).errors;
    expect(e!.rules.map((r) => r.id)).toEqual(['wildcard-origin']);
    expect(e!.era).toMatch(/^Chrome before/);
    expect(e!.read).toEqual({ url: 'https://api.example.net/me', origin: 'https://app.example.com' });
    expect(e!.credentials).toBe('said');
    expect(e!.rules[0]!.steps[0]!.headers).toContain('Access-Control-Allow-Origin: https://app.example.com');
  });

  test("Firefox's second line, 'CORS request did not succeed', belongs to the error before it", () => {
    const x = explain(
      `${firefox('header ‘x-auth’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).')}\n${firefox('CORS request did not succeed). Status code: (null).')}`,
    );
    expect(x.errors).toHaveLength(1);
    expect(x.errors[0]!.rules.map((r) => r.id)).toEqual(['header-not-allowed']);
    expect(x.errors[0]!.followUps).toEqual([firefox('CORS request did not succeed). Status code: (null).')]);
    // Older Firefox's, with straight quotes and no status: the same.
    const old = explain(
      `${firefox("missing token 'x-auth' in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel).")} ${firefox('CORS request did not succeed).')}`,
    );
    expect(old.errors.map((e) => [e.rules.map((r) => r.id), e.followUps?.length])).toEqual([[['header-not-allowed'], 1]]);
    // Alone, the older line names no rule and says why.
    const [alone] = explain(firefox('CORS request did not succeed).')).errors;
    expect(alone!.rules).toEqual([]);
    expect(alone!.note).toMatch(/below CORS/);
  });

  test.each(['Authorization', 'User-Agent', 'X-CSRF-TOKEN'])('a header named %s, in any case, gets its cure', (name) => {
    for (const text of [
      `${at}Request header field ${name} is not allowed by Access-Control-Allow-Headers in preflight response.`,
      firefox(`header ‘${name}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`),
    ]) {
      const [r] = explain(text).errors[0]!.rules;
      expect(r!.id).toBe('header-not-allowed');
      expect(r!.steps[0]!.headers).toContain(`Access-Control-Allow-Headers: ${name.toLowerCase()}`);
    }
  });

  test('a URL broken by a line wrap is read whole', () => {
    const [e] = explain(
      `Access to fetch at 'https://api.example.net/v1/a-long-pa\nth?page=2' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    ).errors;
    expect(e!.read.url).toBe('https://api.example.net/v1/a-long-path?page=2');
  });

  test('the page-side alternative is offered only where validate() says the same answer passes without credentials', () => {
    const client = (text: string): (string | undefined)[] => explain(text).errors[0]!.rules.map((r) => r.client);
    const wildcard = client(
      `${at}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
    );
    expect(wildcard[0]).toContain("`credentials: 'same-origin'`");
    expect(
      client(
        `${at}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
      )[0],
    ).toContain('do not send credentials');
    const xhr = explain(
      "Access to XMLHttpRequest at 'https://api.example.net/me' from origin 'https://app.example.com' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.",
    );
    expect(xhr.errors[0]!.rules[0]!.client).toMatch(/^Or, .*`withCredentials = false`/);
    // No header the server sends would pass without credentials either: no such advice.
    expect(client(`${at}No 'Access-Control-Allow-Origin' header is present on the requested resource.`)).toEqual([undefined]);
    expect(client(`${at}Response to preflight request doesn't pass access control check: It does not have HTTP ok status.`)).toEqual([undefined]);
  });
});
