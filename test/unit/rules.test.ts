// Table-driven: each case in rule-cases.ts through validate(). Expected Chromium sentences live in
// the recorded conformance test; here we pin rule ids, codes, hints, stages and fixes.
import { describe, expect, test } from 'vitest';
import { validate } from '../../src/core/validate';
import { applyFix, comesAfter, parseCase } from './http';
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
  test.each(cases.filter((c) => c.expect !== 'pass').map((c) => [c.name, c] as const))('the fix clears the stage: %s', (_name, c) => {
    const record = parseCase(c);
    const [error] = validate(record);
    const fixed = applyFix(record, error!.fix, error!.hop);
    const after = validate(fixed).filter((f) => f.severity === 'error');
    // The same check passes now; a later check may still fail (a second round), never an earlier one.
    for (const e of after) expect(comesAfter(e, error!)).toBe(true);
  });

  test('a credentialed cross-origin redirect is fixed on the redirect: 401 with CORS headers, never ACAO null', () => {
    const c = cases.find((x) => x.expect === 'redirect-tainted-origin')!;
    const [error] = validate(parseCase(c));
    expect(error!.fix).toMatchObject({ stage: 'redirect', hop: 0, status: { from: 302, to: 401 }, remove: ['Location'] });
    expect(error!.fix.headers).toEqual([`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin']);
  });

  test('a same-origin redirect to a login page is also fixed on the redirect, not on the login page', () => {
    const ok = OK.split('\n').slice(1).join('\n');
    const record = parseCase({ request: REQ_ME, hops: [{ response: `HTTP/1.1 302 Found\nLocation: /login?next=%2Fme\n${ok}` }, { response: 'HTTP/1.1 200 OK\nContent-Type: text/html' }] });
    const [error] = validate(record);
    expect(error).toMatchObject({ rule: 'missing-allow-origin', stage: 'response', hop: 1 });
    expect(error!.fix).toMatchObject({ stage: 'redirect', hop: 0, status: { from: 302, to: 401 } });
  });

  test('a preflight fix lists the method and every unsafe header, with credentials', () => {
    const [error] = validate(parseCase({ request: `${PUT_JSON}\nX-CSRF-Token: t`, hops: [{ preflight: pf('Access-Control-Allow-Methods: GET') }] }));
    expect(error!.fix.headers).toEqual([
      `Access-Control-Allow-Origin: ${APP}`,
      'Access-Control-Allow-Credentials: true',
      'Access-Control-Allow-Methods: GET, PUT',
      'Access-Control-Allow-Headers: content-type, x-csrf-token',
      'Vary: Origin',
    ]);
  });

  test('a 401 preflight gets a status change to 204', () => {
    const [error] = validate(parseCase({ request: PUT_JSON, hops: [{ preflight: PF_OK.replace('204 No Content', '401 Unauthorized') }] }));
    expect(error!.fix.status).toMatchObject({ from: 401, to: 204 });
  });

  test('duplicate ACAO: one line, and a note on which layer must stop adding it', () => {
    const [error] = validate(parseCase(cases.find((c) => c.name === 'two ACAO lines (app + proxy)')!));
    expect(error!.fix.headers.filter((l) => l.startsWith('Access-Control-Allow-Origin:'))).toEqual([`Access-Control-Allow-Origin: ${APP}`]);
    expect(error!.fix.notes.join(' ')).toMatch(/one layer/);
    expect(error!.fix.snippets.nginx).toContain('proxy_hide_header Access-Control-Allow-Origin');
  });

  test('every stack gets a snippet naming the exact origin, never a wildcard or reflection', () => {
    const [error] = validate(parseCase(cases[0]!));
    const snippets = Object.values(error!.fix.snippets);
    expect(snippets).toHaveLength(18);
    for (const s of snippets) {
      expect(s.replace(/\\/g, '')).toContain('https://app.example.com');
      expect(s).not.toMatch(/origin:\s*true|allowedOriginPatterns\("\*"\)\)|SetIsOriginAllowed\(_ => true\)\)|allow_origins=\["\*"\]|CORS_ALLOW_ALL_ORIGINS = True/);
    }
    expect(error!.fix.snippets.nginx).toMatch(/always;/);
    expect(error!.fix.snippets.rails).toContain('insert_before 0');
    expect(error!.fix.snippets.aspnet).toMatch(/UseCors[\s\S]*UseAuthentication/);
  });
});
