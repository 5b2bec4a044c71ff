// When the page's credentials mode was not seen ('unknown'), the verdict is the browser's reading
// without credentials, but the cure is written for a credentialed request: applied to the same
// record with credentials 'include', it must leave nothing in one round, with
// Access-Control-Allow-Credentials: true, the exact origin and Vary: Origin on every response the
// plan names, and one note saying why.
import { describe, expect, test } from 'vitest';
import type { Finding, RequestRecord } from '../../src/core/types';
import { UNKNOWN_CREDENTIALS_NOTE, validate } from '../../src/core/validate';
import { applyPlan, leftAfter, parseCase } from './http';
import { APP, cases, warningCases } from './rule-cases';

/** Every case's record read with credentials 'unknown', with the finding it then gets (if any). */
function unknownFailures(): { name: string; record: RequestRecord; finding: Finding }[] {
  const out: { name: string; record: RequestRecord; finding: Finding }[] = [];
  for (const c of [...cases, ...warningCases]) {
    if (c.credentials === 'omit' || c.credentials === 'same-origin') continue;
    const record = parseCase({ ...c, credentials: 'unknown' });
    const findings = validate(record);
    const finding = findings.find((f) => f.severity === 'error') ?? findings[0];
    if (finding !== undefined) out.push({ name: c.name, record, finding });
  }
  return out;
}

const failures = unknownFailures();
const header = (r: { headers: { name: string; value: string }[] }, name: string) =>
  r.headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value.trim());

describe('a fix for credentials mode unknown is written for a credentialed request', () => {
  test('the cases reach the rules and stages that fail without credentials', () => {
    const reached = new Set(failures.map((f) => `${f.finding.rule}@${f.finding.stage}`));
    for (const want of [
      'missing-allow-origin@preflight',
      'missing-allow-origin@response',
      'missing-allow-origin@redirect',
      'preflight-status@preflight',
      'preflight-redirect@preflight',
      'method-not-allowed@preflight',
      'header-not-allowed@preflight',
      'allow-origin-mismatch@response',
      'allow-origin-mismatch@preflight',
      'multiple-allow-origin@response',
      'invalid-allow-origin@response',
      'invalid-allow-methods@preflight',
      'invalid-allow-headers@preflight',
      'null-allow-origin@response',
      'redirect-tainted-origin@response',
      'redirect-credentials@redirect',
      'missing-vary-origin@response',
    ]) {
      expect(reached, want).toContain(want);
    }
  });

  test.each(failures.map((f) => [f.name, f] as const))('%s', (_name, { record, finding }) => {
    const fix = finding.fix;
    const include: RequestRecord = { ...record, credentials: 'include' };
    expect(leftAfter(include, fix), `${finding.rule}@${finding.stage}: one round with credentials`).toEqual([]);
    expect(
      fix.notes.filter((n) => n === UNKNOWN_CREDENTIALS_NOTE),
      'the note, once',
    ).toHaveLength(1);
    expect(fix.spec, 'snippets keep credentials on').toMatchObject({ kind: 'cors', credentials: true });
    // Every response the plan names ends up with the credentialed set (a redirect that only has
    // its Location cleaned keeps the CORS lines it already had).
    const applied = applyPlan(include, fix);
    for (const step of fix.steps) {
      const hop = applied.hops[step.hop];
      const res = step.stage === 'preflight' ? hop?.preflight : hop?.response;
      expect(res, `${step.stage} ${step.hop} is still met`).toBeDefined();
      expect(header(res!, 'access-control-allow-credentials'), `${step.stage} ${step.hop}: ACAC`).toEqual(['true']);
      expect(header(res!, 'access-control-allow-origin'), `${step.stage} ${step.hop}: exact origin`).toEqual([APP]);
      expect(header(res!, 'vary').join(',').toLowerCase(), `${step.stage} ${step.hop}: Vary`).toContain('origin');
    }
  });

  test("the verdict stays the browser's reading without credentials", () => {
    for (const { record, finding } of failures) {
      const omitted = validate({ ...record, credentials: 'omit' })[0];
      expect({ rule: finding.rule, message: finding.message }).toEqual({ rule: omitted?.rule, message: omitted?.message });
    }
  });

  test('a mode the page told (omit) keeps a fix without credentials', () => {
    const record = parseCase({ request: `GET https://api.example.com/me\nOrigin: ${APP}`, credentials: 'omit', hops: [{ response: 'HTTP/1.1 200 OK' }] });
    const fix = validate(record)[0]!.fix;
    expect(fix.notes).not.toContain(UNKNOWN_CREDENTIALS_NOTE);
    expect(fix.steps[0]!.headers.join('\n')).not.toContain('Access-Control-Allow-Credentials');
  });
});
