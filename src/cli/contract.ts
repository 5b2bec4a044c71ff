// What `check --config` prints: one line per case, the details of every broken case, one summary;
// or, with --json, the same as data; and the JUnit XML report CI systems display (GitLab, Jenkins,
// GitHub Actions through a reporter action). Every URL is redacted as everywhere else.
import { redactText } from '../core/redact';
import type { StackId } from '../core/types';
import type { CaseResult } from './config';
import { xmlText } from './output';
import { findingJson, renderJudged } from './render';
import { paint, safe, type Style } from './style';

export interface Summary {
  checks: number;
  kept: number;
  broken: number;
  errors: number;
}

export function summarize(results: CaseResult[]): Summary {
  const errors = results.filter((r) => r.error !== undefined).length;
  const kept = results.filter((r) => r.kept).length;
  return { checks: results.length, kept, broken: results.length - kept - errors, errors };
}

const nameOf = (r: CaseResult): string => redactText(r.case.name);

/** "blocked, expected allowed: <the first error's cause>" */
function why(r: CaseResult): string {
  if (r.error !== undefined) return `not checked: ${r.error}`;
  const cause = r.result?.findings.find((f) => f.severity === 'error')?.cause ?? r.result?.findings[0]?.cause;
  const got = r.verdict === r.case.expect ? `${r.verdict} with a warning (--strict)` : `${r.verdict}, expected ${r.case.expect}`;
  return cause ? `${got}: ${cause}` : got;
}

export function renderCases(results: CaseResult[], style: Style, stack: StackId | undefined): string {
  const lines = results.map((r) =>
    r.kept
      ? `${paint(style, 'green', '✓')} ${safe(nameOf(r))}: ${r.verdict}`
      : `${paint(style, 'red', r.error !== undefined ? '!' : '✖')} ${safe(nameOf(r))}: ${paint(style, 'red', safe(redactText(why(r))))}`,
  );
  const details = results
    .filter((r) => !r.kept && r.result)
    .map((r) => `${paint(style, 'bold', `── ${safe(nameOf(r))}`)}\n${renderJudged(r.result!, style, stack)}`);
  const s = summarize(results);
  const total = `${s.checks} check(s): ${s.kept} kept, ${s.broken} broken, ${s.errors} not checked`;
  return [...lines, '', ...details, paint(style, 'bold', s.broken + s.errors === 0 ? paint(style, 'green', total) : paint(style, 'red', total)), ''].join('\n');
}

export function casesJson(results: CaseResult[]): unknown {
  return {
    summary: summarize(results),
    results: results.map((r) => ({
      name: nameOf(r),
      method: r.case.method,
      url: redactText(r.case.url),
      origin: r.case.origin,
      credentials: r.case.credentials,
      expect: r.case.expect,
      ...(r.verdict ? { verdict: r.verdict } : {}),
      kept: r.kept,
      ...(r.error !== undefined ? { error: redactText(r.error) } : {}),
      ...(r.result ? { notes: r.result.notes, findings: r.result.findings.map((f) => findingJson(f, r.result!)) } : {}),
    })),
  };
}

/**
 * JUnit XML as Jenkins, GitLab and the common reporters read it: one <testcase> per case, a
 * <failure> for a broken contract (the browser's sentence inside), an <error> for a case that
 * could not be checked.
 */
export function junitXml(results: CaseResult[], now = new Date()): string {
  const s = summarize(results);
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const total = results.reduce((t, r) => t + r.ms, 0);
  const cases = results.map((r) => {
    const open = `    <testcase classname="cors-inspector.check" name="${xmlText(nameOf(r))}" time="${seconds(r.ms)}"`;
    if (r.kept) return `${open}/>`;
    const tag = r.error !== undefined ? 'error' : 'failure';
    const body =
      r.result?.findings
        .map((f) => findingJson(f, r.result!))
        .map((f) => `${f.cause as string}\n${f.message as string}`)
        .join('\n\n') ?? '';
    return `${open}>\n      <${tag} type="${r.error !== undefined ? 'network' : 'cors'}" message="${xmlText(redactText(why(r)))}">${xmlText(body)}</${tag}>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cors-inspector" tests="${s.checks}" failures="${s.broken}" errors="${s.errors}" time="${seconds(total)}">`,
    `  <testsuite name="cors-inspector check --config" tests="${s.checks}" failures="${s.broken}" errors="${s.errors}" skipped="0" time="${seconds(total)}" timestamp="${now.toISOString().slice(0, 19)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
