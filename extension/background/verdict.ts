// Turns one finished request into the tab's findings: decides the credentials mode from the
// evidence (strongest first), runs the validator, and keeps only what the browser's outcome
// allows (an error only for a request the browser blocked). Pure.
import type { CredentialsMode, Finding, RequestRecord, Stage, StackId } from '../../src/core/types';
import { STACKS } from '../../src/core/validate';
import type { CredentialsEvidence, TabFinding } from '../../src/messages';
import type { SnippetSpec } from '../../src/core/fix/plan';
import { snippets } from '../../src/core/fix/stacks/index';
import { fitFinding } from './budget';
import type { Finished } from './collector';

export type Validate = (record: RequestRecord) => Finding[];

const hasError = (fs: readonly Finding[]): boolean => fs.some((f) => f.severity === 'error');

interface Judged {
  credentials: CredentialsMode;
  evidence: CredentialsEvidence;
  findings: Finding[];
}

/**
 * Evidence order: what the page cannot forge first. A Cookie header on a cross-origin hop, or
 * Sec-Fetch-Storage-Access, went out only because the request's credentials mode was 'include'
 * (Fetch §4.6 step 11.1 "includeCredentials"; Chromium sends Sec-Fetch-Storage-Access only then),
 * so they outrank a page hint that says otherwise: the hint comes from the page's own realm and a
 * page can forge it. A hint that agrees keeps its richer wording ('page-hook').
 */
export function judge(f: Finished, validate: Validate): Judged {
  const base = f.record;
  const run = (credentials: CredentialsMode) => validate({ ...base, credentials });
  const sent = f.cookie ? 'cookie' : f.storageAccess ? 'storage-access' : undefined;
  if (f.hint && (f.hint.credentials === 'include' || !sent)) {
    const hinted = run(f.hint.credentials);
    // The browser's refusal is evidence too: if only the credentialed reading explains it, a hint
    // saying 'omit' was wrong (or forged).
    if (f.blocked && f.hint.credentials !== 'include' && !hasError(hinted)) {
      const included = run('include');
      if (hasError(included)) return { credentials: 'include', evidence: 'outcome', findings: included };
    }
    return { credentials: f.hint.credentials, evidence: 'page-hook', findings: hinted };
  }
  if (sent) return { credentials: 'include', evidence: sent, findings: run('include') };
  if (f.blocked) {
    // A first visit to a same-site API sends neither Cookie nor Sec-Fetch-Storage-Access. If the
    // headers pass without credentials but fail with them, the browser's refusal proves 'include'.
    const omitted = run('omit');
    if (!hasError(omitted)) {
      const included = run('include');
      if (hasError(included)) return { credentials: 'include', evidence: 'outcome', findings: included };
    }
    return { credentials: 'unknown', evidence: 'none', findings: omitted };
  }
  return { credentials: 'unknown', evidence: 'none', findings: run('unknown') };
}

const EMPTY_SNIPPETS = Object.fromEntries(STACKS.map(({ id }) => [id, ''])) as Record<StackId, string>;

/** A blocked request no rule explains: listed honestly, with what we saw. */
export function unexplained(f: Finished): Finding {
  const hops = f.record.hops;
  const hop = hops.length - 1;
  const last = hops[hop]!;
  const stage: Stage = last.preflight && !last.response ? 'preflight' : 'response';
  const seen = stage === 'preflight' ? last.preflight : last.response;
  const what = seen ? `the ${stage === 'preflight' ? 'preflight ' : ''}response had status ${seen.status}` : 'no response was seen';
  return {
    rule: 'unexplained',
    code: 'Unexplained',
    stage,
    severity: 'error',
    hop,
    url: last.url,
    hint: '',
    cause: 'blocked; no rule explains it',
    message: `The browser blocked this ${f.record.method} request (${f.error ?? 'net::ERR_FAILED'}), but none of our rules explains why; ${what}. Check the browser console for its own message.`,
    explanation:
      'The browser refused this cross-origin request, and the headers we saw pass every check we know. The cause may be something the extension cannot see (a Private Network Access check, a blocked cookie, another extension).',
    fix: {
      stage,
      hop,
      headers: [],
      steps: [{ stage, hop, headers: [] }],
      notes: ["Read the browser console's message for this request."],
      // Nothing to render: no rule named a change (the snippets stay empty).
      spec: {
        kind: 'cors',
        origins: [],
        credentials: f.record.credentials === 'include',
        methods: [],
        headers: [],
        expose: [],
        problems: ['allow-origin'],
        paths: ['/'],
      },
      snippets: { ...EMPTY_SNIPPETS },
    },
  };
}

/**
 * The findings to store for one finished request (errors only if the browser blocked it).
 * `judgeFromHeaders` (Firefox): a simple request Firefox blocks ends in onCompleted with its real
 * status, not in an error, so the validator's verdict in Firefox's own order is the outcome.
 */
export function tabFindings(f: Finished, validate: Validate, time: number, judgeFromHeaders = false): TabFinding[] {
  const j = judge(f, validate);
  const record: RequestRecord = { ...f.record, credentials: j.credentials };
  let kept: Finding[];
  let isUnexplained = false;
  // Firefox: an error our headers do not explain is a network failure, not a CORS block (not listed).
  if (judgeFromHeaders && !f.blocked && f.error !== undefined && !hasError(j.findings)) return [];
  if (f.blocked || (judgeFromHeaders && hasError(j.findings))) {
    const firstError = j.findings.find((x) => x.severity === 'error');
    // Chromium reports the first failing check only: one error per blocked request.
    if (firstError) kept = [firstError, ...j.findings.filter((x) => x.severity === 'warning')];
    else {
      kept = [unexplained(f), ...j.findings];
      isUnexplained = true;
    }
  } else {
    // A request the browser let through is never a failure, whatever the rules think.
    kept = j.findings.filter((x) => x.severity === 'warning');
  }
  return kept.map((finding, i) => {
    const hop = record.hops[finding.hop];
    const seen = finding.stage === 'preflight' ? hop?.preflight : hop?.response;
    return {
      ...finding,
      id: `${f.requestId}-${i}`,
      tabId: f.tabId,
      requestId: f.requestId,
      time,
      method: record.method,
      credentials: j.credentials,
      credentialsEvidence: j.evidence,
      credentialed: j.credentials === 'include',
      initiator: record.initiator,
      ...(seen ? { status: seen.status } : {}),
      ...(isUnexplained && i === 0 ? { unexplained: true } : {}),
      record,
    };
  });
}

/**
 * A finding as stored: cut to its byte budget (budget.ts), and without rendered snippets when the
 * fix carries the spec they are rendered from (two thirds of a finding's size; `withSnippets`
 * renders them again on the way out). Never reads `fix.snippets`, which may render on read.
 */
export function packFinding(f: TabFinding): TabFinding {
  const fix = f.fix as unknown as Record<string, unknown>;
  const keep = 'spec' in fix ? Object.keys(fix).filter((k) => k !== 'snippets') : Object.keys(fix);
  return fitFinding({ ...f, fix: Object.fromEntries(keep.map((k) => [k, fix[k]])) as unknown as TabFinding['fix'] });
}

/** Stored findings with every stack's snippet rendered from the fix's spec (replies to `cors/findings`). */
export function withSnippets(fs: readonly TabFinding[]): TabFinding[] {
  return fs.map((f) => {
    // Findings stored with their snippets (cookie findings) keep them.
    if (f.fix.snippets && Object.keys(f.fix.snippets).length > 0) return f;
    const spec = (f.fix as { spec?: SnippetSpec }).spec;
    // An unexplained block names no change: its snippets stay empty.
    if (spec && !f.unexplained) return { ...f, fix: { ...f.fix, snippets: snippets(spec) } };
    return f.fix.snippets && !f.unexplained ? f : { ...f, fix: { ...f.fix, snippets: { ...EMPTY_SNIPPETS } } };
  });
}
