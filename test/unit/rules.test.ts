// Table-driven: each case in rule-cases.ts through validate(). Expected Chromium sentences live in
// the recorded conformance test; here we pin rule ids, codes, hints, stages and fixes.
import { describe, expect, test } from 'vitest';
import { validate } from '../../src/core/validate';
import { renderSnippet, snippets } from '../../src/core/fix/stacks/index';
import { leftAfter, parseCase } from './http';
import { APP, cases, OK, PF_OK, pf, PUT_JSON, REQ_ME, warningCases } from './rule-cases';

describe('rules, case by case', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const record = parseCase(c);
    const findings = validate(record);
    const errors = findings.filter((f) => f.severity === 'error');
    if (c.expect === 'pass') {
      expect(errors.map((e) => e.rule)).toEqual([]);
      return;
    }
    expect(errors.map((e) => e.rule)).toEqual([c.expect]);
    const e = errors[0]!;
    if (c.code !== undefined) expect(e.code).toBe(c.code);
    if (c.hint !== undefined) expect(e.hint).toBe(c.hint);
    if (c.stage !== undefined) expect(e.stage).toBe(c.stage);
    expect(e.message.startsWith(`Access to fetch at '${record.hops[e.hop]!.url}' `)).toBe(true);
    expect(e.explanation.length).toBeGreaterThan(40);
  });

  test.each(warningCases.map((c) => [c.name, c] as const))('warning: %s', (_name, c) => {
    const findings = validate(parseCase(c));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual(c.warn === 'none' ? [] : [c.warn]);
  });
});

describe('fixes', () => {
  test.each(cases.filter((c) => c.expect !== 'pass').map((c) => [c.name, c] as const))(
    'the whole plan cures it in one round, no warning left: %s',
    (_name, c) => {
      const record = parseCase(c);
      const [error] = validate(record);
      // Every response the browser meets after the fix, unseen ones included (as if they had no
      // CORS headers), passes: no error and no warning.
      expect(leftAfter(record, error!.fix)).toEqual([]);
      // Plain data: the plan, its notes and the snippet spec, nothing duplicated or rendered.
      expect(Object.keys(error!.fix)).toEqual(['steps', 'notes', 'spec']);
    },
  );

  test.each(warningCases.filter((c) => c.warn !== 'none').map((c) => [c.name, c] as const))("a warning's plan leaves nothing: %s", (_name, c) => {
    const record = parseCase(c);
    const [warning] = validate(record);
    expect(leftAfter(record, warning!.fix)).toEqual([]);
  });

  test('a preflight failure is cured on the OPTIONS response AND on the actual response, which the browser never reached', () => {
    const record = parseCase({ request: `${REQ_ME}\nAuthorization: Bearer x`, hops: [{ preflight: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer' }] });
    const [error] = validate(record);
    expect(error!.fix.steps.map((s) => [s.stage, s.hop, s.status?.to])).toEqual([
      ['preflight', 0, 204],
      ['response', 0, undefined],
    ]);
    expect(error!.fix.steps[1]!.headers).toEqual([`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin']);
  });

  test('an actual response that was seen and is right gets no step', () => {
    const record = parseCase({ request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: GET'), response: OK }] });
    expect(validate(record)[0]!.fix.steps.map((s) => s.stage)).toEqual(['preflight']);
  });

  test('a seen actual response with a copy of ACAO from a second layer gets its step, with the one-layer note', () => {
    const record = parseCase({
      request: PUT_JSON,
      hops: [{ preflight: pf('Access-Control-Allow-Methods: GET'), response: `${OK}\nAccess-Control-Allow-Origin: ${APP}` }],
    });
    const fix = validate(record)[0]!.fix;
    expect(fix.steps.map((s) => s.stage)).toEqual(['preflight', 'response']);
    expect(fix.steps[1]!.headers.filter((l) => l.startsWith('Access-Control-Allow-Origin:'))).toEqual([`Access-Control-Allow-Origin: ${APP}`]);
    expect(fix.notes.join(' ')).toMatch(/one layer/);
  });

  test('a redirect is cured on the redirect and on where it leads, which the browser never reached', () => {
    const record = parseCase({ request: REQ_ME, hops: [{ response: 'HTTP/1.1 302 Found\nLocation: /v2/me' }] });
    const [error] = validate(record);
    expect(error!.fix.steps.map((s) => [s.stage, s.hop])).toEqual([
      ['redirect', 0],
      ['response', 1],
    ]);
    expect(leftAfter(record, error!.fix)).toEqual([]);
  });

  test('a credentialed cross-origin redirect is fixed on the redirect: 401 with CORS headers, never ACAO null', () => {
    const c = cases.find((x) => x.expect === 'redirect-tainted-origin')!;
    const [error] = validate(parseCase(c));
    expect(error!.fix.steps[0]).toMatchObject({ stage: 'redirect', hop: 0, status: { from: 302, to: 401 }, remove: ['Location'] });
    expect(error!.fix.steps[0]!.headers).toEqual([`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin']);
  });

  test('a same-origin redirect to a login page is also fixed on the redirect, not on the login page', () => {
    const ok = OK.split('\n').slice(1).join('\n');
    const record = parseCase({
      request: REQ_ME,
      hops: [{ response: `HTTP/1.1 302 Found\nLocation: /login?next=%2Fme\n${ok}` }, { response: 'HTTP/1.1 200 OK\nContent-Type: text/html' }],
    });
    const [error] = validate(record);
    expect(error).toMatchObject({ rule: 'missing-allow-origin', stage: 'response', hop: 1 });
    expect(error!.fix.steps[0]).toMatchObject({ stage: 'redirect', hop: 0, status: { from: 302, to: 401 } });
  });

  test('a preflight fix lists the method and every unsafe header, with credentials', () => {
    const [error] = validate(parseCase({ request: `${PUT_JSON}\nX-CSRF-Token: t`, hops: [{ preflight: pf('Access-Control-Allow-Methods: GET') }] }));
    expect(error!.fix.steps[0]!.headers).toEqual([
      `Access-Control-Allow-Origin: ${APP}`,
      'Access-Control-Allow-Credentials: true',
      'Access-Control-Allow-Methods: GET, PUT',
      'Access-Control-Allow-Headers: content-type, x-csrf-token',
      'Vary: Origin',
    ]);
  });

  test("a credentialed preflight that lists '*' (a literal there) gets a fix naming the method and headers, never '*'", () => {
    const record = parseCase({ request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: *', 'Access-Control-Allow-Headers: *') }] });
    const [error] = validate(record);
    expect(error!.rule).toBe('method-not-allowed');
    const lines = error!.fix.steps.flatMap((s) => s.headers);
    expect(lines).toContain('Access-Control-Allow-Methods: PUT');
    expect(lines).toContain('Access-Control-Allow-Headers: content-type');
    expect(lines.filter((l) => /^Access-Control-Allow-(Methods|Headers):.*\*/.test(l))).toEqual([]);
    expect(leftAfter(record, error!.fix)).toEqual([]);
  });

  test('a cure that takes several rounds: the fixed preflight reaches a redirect, whose target needs its own preflight and response', () => {
    const redirect = `HTTP/1.1 307 Temporary Redirect\nLocation: /v2/items/7\nAccess-Control-Allow-Origin: ${APP}\nAccess-Control-Allow-Credentials: true\nVary: Origin`;
    const record = parseCase({
      request: PUT_JSON,
      hops: [{ preflight: pf('Access-Control-Allow-Methods: GET', 'Access-Control-Allow-Headers: content-type'), response: redirect }],
    });
    const [error] = validate(record);
    expect(error!.fix.steps.map((s) => [s.stage, s.hop])).toEqual([
      ['preflight', 0],
      ['preflight', 1],
      ['response', 1],
    ]);
    expect(leftAfter(record, error!.fix)).toEqual([]);
  });

  test('a 401 preflight gets a status change to 204', () => {
    const [error] = validate(parseCase({ request: PUT_JSON, hops: [{ preflight: PF_OK.replace('204 No Content', '401 Unauthorized') }] }));
    expect(error!.fix.steps[0]!.status).toMatchObject({ from: 401, to: 204 });
  });

  test('duplicate ACAO: one line, and a note on which layer must stop adding it', () => {
    const [error] = validate(parseCase(cases.find((c) => c.name === 'two ACAO lines (app + proxy)')!));
    expect(error!.fix.steps[0]!.headers.filter((l) => l.startsWith('Access-Control-Allow-Origin:'))).toEqual([`Access-Control-Allow-Origin: ${APP}`]);
    expect(error!.fix.notes.join(' ')).toMatch(/one layer/);
    expect(renderSnippet(error!.fix.spec, 'nginx')).toContain('proxy_hide_header Access-Control-Allow-Origin');
  });

  test('every stack gets a snippet naming the exact origin, never a wildcard or reflection', () => {
    const [error] = validate(parseCase(cases[0]!));
    const all = snippets(error!.fix.spec);
    expect(Object.keys(all)).toHaveLength(18);
    for (const s of Object.values(all)) {
      expect(s.replace(/\\/g, '')).toContain('https://app.example.com');
      expect(s).not.toMatch(
        /origin:\s*true|allowedOriginPatterns\("\*"\)\)|SetIsOriginAllowed\(_ => true\)\)|allow_origins=\["\*"\]|CORS_ALLOW_ALL_ORIGINS = True/,
      );
    }
    expect(all.nginx).toMatch(/always;/);
    expect(all.rails).toContain('insert_before 0');
    expect(all.aspnet).toMatch(/UseCors[\s\S]*UseAuthentication/);
  });
});
