// Turns one finished request into the tab's findings: decides the credentials mode from the
// evidence (strongest first), runs the validator, and keeps only what the browser's outcome
// allows (an error only for a request the browser blocked). Pure.
import type { CredentialsMode, Finding, RequestRecord, Stage } from '../../src/core/types';
import type { CredentialsEvidence, TabFinding } from '../../src/messages';
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
    // Judged as 'unknown' (read like 'omit'), so the fix is still written for credentials.
    const unsure = run('unknown');
    if (!hasError(unsure)) {
      const included = run('include');
      if (hasError(included)) return { credentials: 'include', evidence: 'outcome', findings: included };
    }
    return { credentials: 'unknown', evidence: 'none', findings: unsure };
  }
  return { credentials: 'unknown', evidence: 'none', findings: run('unknown') };
}

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
      steps: [{ stage, hop, headers: [] }],
      notes: ["Read the browser console's message for this request."],
      // Nothing to render: no rule named a change (the cors/findings reply renders no snippets for it).
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
    },
  };
}

/** The one line a request gets when only its end was seen. */
export const START_UNSEEN =
  "The extension's worker was not running when this request started (the browser had stopped it, or it was still starting): the rest was lost in that restart, only its end was seen.";

/** Seen from its end alone: no header to judge, but its page hint (if one came) tells its credentials mode. */
function unseenStart(f: Finished): Judged {
  const credentials = f.hint?.credentials ?? 'unknown';
  return { credentials, evidence: f.hint ? 'page-hook' : 'none', findings: [startUnseen(f)] };
}

/**
 * A blocked request whose start no running worker saw: counted and listed with what its end
 * event told (URL, method, the browser's error), and the one line saying why there is no more.
 */
export function startUnseen(f: Finished): Finding {
  const base = unexplained(f);
  return {
    ...base,
    cause: 'blocked; seen only at its end',
    message: `The browser blocked this ${f.record.method} request (${f.error ?? 'net::ERR_FAILED'}). ${START_UNSEEN} Check the browser console for its own message.`,
    explanation: `${START_UNSEEN} Its headers and responses were never seen, so no rule can say why it was refused; its console message can. Sending it again (reload the page) gets a full verdict.`,
    fix: { ...base.fix, notes: [START_UNSEEN, ...base.fix.notes] },
  };
}

/**
 * The findings to store for one finished request (errors only if the browser blocked it).
 * `judgeFromHeaders` (Firefox): a simple request Firefox blocks ends in onCompleted with its real
 * status, not in an error, so the validator's verdict in Firefox's own order is the outcome.
 */
export function tabFindings(f: Finished, validate: Validate, time: number, judgeFromHeaders = false): TabFinding[] {
  const j: Judged = f.startUnseen ? unseenStart(f) : judge(f, validate);
  const record: RequestRecord = { ...f.record, credentials: j.credentials };
  let kept: Finding[];
  let isUnexplained = false;
  // Firefox: an error our headers do not explain is a network failure, not a CORS block (not listed).
  if (judgeFromHeaders && !f.blocked && f.error !== undefined && !hasError(j.findings)) return [];
  if (f.blocked || (judgeFromHeaders && hasError(j.findings))) {
    const firstError = j.findings.find((x) => x.severity === 'error');
    // Chromium reports the first failing check only: one error per blocked request.
    if (firstError) {
      kept = [firstError, ...j.findings.filter((x) => x.severity === 'warning')];
      isUnexplained = f.startUnseen === true;
    } else {
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
      ...(f.fromWorker ? { fromWorker: true as const } : {}),
      record,
    };
  });
}

/** A finding as stored: plain data, cut to its byte budget (budget.ts). */
export function packFinding(f: TabFinding): TabFinding {
  return fitFinding(f);
}
