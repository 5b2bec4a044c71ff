// What the command line prints about judged requests: Chromium's sentence, the explanation, the
// complete fix (and a stack's snippet), warnings; or, with --json, the findings in the message
// API's shape (docs/message-api.md), redacted like the panel's exports.
import { renderSnippet } from '../core/fix/stacks/index';
import { redactFinding, redactText, redactUrl } from '../core/redact';
import { getHeader } from '../core/headers';
import { parseUrl } from '../core/origin';
import type { Browser } from '../core/message';
import type { Finding, Fix, RequestRecord, StackId, Stage } from '../core/types';
import { isBlocked } from '../core/validate';
import { paint, safe, table, type Style } from './style';

export interface Judged {
  record: RequestRecord;
  findings: Finding[];
  /** Did the browser block it? (For `check`: an error finding. For `har`: the HAR says so.) */
  blocked: boolean;
  /** Whose words the findings carry (default chromium). */
  browser?: Browser;
  /** What the tool did differently from the browser, one line each (credentials withheld). */
  notes?: string[];
}

const SAYS: Record<Browser, string> = { chromium: 'Chromium says', firefox: 'Firefox says', webkit: 'WebKit (Safari) says' };

/** The URL of a step's response; for a hop the browser never reached, where the redirect points. */
function stepUrl(record: RequestRecord, hop: number): string | undefined {
  const seen = record.hops[hop]?.url;
  if (seen !== undefined) return seen;
  const prev = record.hops[hop - 1];
  const location = prev?.response ? getHeader(prev.response.headers, 'location') : undefined;
  return prev && location ? parseUrl(location, prev.url)?.href : undefined;
}

/**
 * The fix without its rendered snippets: reading `fix.snippets` renders every stack (milliseconds
 * per finding, seconds over a large HAR). The CLI renders the one stack asked for, from `spec`.
 */
function planOnly(fix: Fix): Omit<Fix, 'snippets'> {
  // Not a destructuring: naming `snippets` there would read it.
  return Object.fromEntries(
    Object.keys(fix)
      .filter((k) => k !== 'snippets')
      .map((k) => [k, fix[k as keyof Fix]]),
  ) as Omit<Fix, 'snippets'>;
}

/**
 * A finding in the message API's shape (TabFinding without the tab), redacted like the panel's
 * exports; `fix.snippet` holds the --stack snippet when one is asked for.
 */
export function findingJson(f: Finding, j: Judged, stack?: StackId): Record<string, unknown> {
  const hop = j.record.hops[f.hop];
  const seen = f.stage === 'preflight' ? hop?.preflight : hop?.response;
  const fix = stack === undefined ? planOnly(f.fix) : { ...planOnly(f.fix), snippet: renderSnippet(f.fix.spec, stack) };
  return redactFinding({
    ...f,
    fix,
    method: j.record.method,
    credentials: j.record.credentials,
    credentialed: j.record.credentials === 'include',
    initiator: j.record.initiator,
    ...(seen ? { status: seen.status } : {}),
    record: j.record,
  });
}

export function verdictOf(j: Judged): 'allowed' | 'blocked' {
  return j.blocked ? 'blocked' : 'allowed';
}

function stageWords(stage: Stage): string {
  return stage === 'preflight' ? 'the preflight (OPTIONS) response' : stage === 'redirect' ? 'the redirect response' : 'the response';
}

/** The lines of one finding: sentence, explanation, every fix step, the stack's snippet. */
export function findingLines(raw: Finding, j: Judged, style: Style, stack: StackId | undefined): string[] {
  // Only what is printed: reading `messages` would judge the record again for every engine.
  const shown = {
    rule: raw.rule,
    code: raw.code,
    severity: raw.severity,
    cause: raw.cause,
    message: raw.message,
    loadError: raw.loadError,
    followUp: raw.followUp,
    explanation: raw.explanation,
    fix: planOnly(raw.fix) as Fix,
  };
  const f = redactFinding({ ...shown, record: j.record });
  const error = f.severity === 'error';
  const out: string[] = [];
  out.push(paint(style, error ? 'red' : 'yellow', `${error ? '✖' : '!'} ${safe(f.cause)}`) + paint(style, 'dim', `  [${f.rule}, ${f.code}]`));
  const says = error ? SAYS[j.browser ?? 'chromium'] : 'Advice';
  out.push(`  ${says}: ${safe(f.message)}`);
  // WebKit's second line, the page's JS error, under the reason.
  if (error && f.loadError !== undefined) out.push(`  ${' '.repeat(says.length + 1)} ${safe(f.loadError)}`);
  // Firefox's later lines for the same request (after a failed preflight or a refused redirect).
  if (error) for (const line of f.followUp ?? []) out.push(`  ${' '.repeat(says.length + 1)} ${safe(line)}`);
  out.push('');
  for (const p of safe(f.explanation).split('\n\n')) out.push(...wrap(p, '  '), '');
  const steps = f.fix.steps;
  out.push(paint(style, 'bold', steps.length > 1 ? `  Fix (${steps.length} responses, apply all):` : '  Fix:'));
  steps.forEach((s, i) => {
    const url = stepUrl(j.record, s.hop);
    const method = s.stage === 'preflight' ? 'OPTIONS' : j.record.method;
    const where = url === undefined ? 'after the redirect' : `to ${method} ${safe(redactUrl(url))}`;
    out.push(`  ${steps.length > 1 ? `${i + 1}. ` : ''}On ${stageWords(s.stage)} ${where}:`);
    for (const h of s.headers) out.push(paint(style, 'green', `      ${safe(h)}`));
    for (const h of s.remove ?? []) out.push(paint(style, 'red', `      (stop sending ${safe(h)})`));
    if (s.status) out.push(`      status ${s.status.from} → ${s.status.to}: ${safe(s.status.why)}`);
  });
  for (const n of f.fix.notes) out.push(...wrap(safe(n), '  - ', '    '));
  out.push(...snippetLines(f.fix.spec, stack, style));
  return out;
}

/** The hops as sent and answered: a compact table on a terminal, plain lines when piped. */
export function hopLines(j: Judged, style: Style): string[] {
  const rows: string[][] = [];
  j.record.hops.forEach((h, i) => {
    const status = (n: number): string => (n > 0 ? String(n) : '?');
    if (h.preflight) rows.push([String(i), 'OPTIONS', status(h.preflight.status), safe(redactUrl(h.url))]);
    if (h.response) rows.push([String(i), safe(j.record.method), status(h.response.status), safe(redactUrl(h.url))]);
  });
  if (!style.tty) return rows.map((r) => `  hop ${r[0]} ${r[1]} ${r[2]} ${r[3]}`);
  return table([['HOP', 'METHOD', 'STATUS', 'URL'], ...rows]).map((l, i) => (i === 0 ? paint(style, 'dim', l) : l));
}

/** The whole report for one judged request. */
export function renderJudged(j: Judged, style: Style, stack: StackId | undefined): string {
  const first = j.record.hops[0]?.url ?? '';
  const head = j.blocked ? paint(style, 'red', 'BLOCKED') : paint(style, 'green', 'ALLOWED');
  const out = [
    `${paint(style, 'bold', head)}  ${safe(j.record.method)} ${safe(redactUrl(first))}`,
    paint(style, 'dim', `  from origin ${safe(j.record.origin)}, credentials '${j.record.credentials}'`),
    ...(j.notes ?? []).map((n) => paint(style, 'yellow', `  note: ${safe(redactText(n))}`)),
    ...hopLines(j, style),
    '',
  ];
  if (j.findings.length === 0)
    out.push(j.blocked ? '  The browser blocked it, and no rule explains why.' : '  The browser would let the page read this response.', '');
  for (const f of j.findings) out.push(...findingLines(f, j, style, stack), '');
  return out.join('\n');
}

export function exitCode(j: readonly Judged[], strict: boolean): 0 | 1 {
  return j.some((x) => x.blocked || isBlocked(x.findings) || (strict && x.findings.length > 0)) ? 1 : 0;
}

/** Soft-wrap a paragraph at 100 columns (URLs are never broken). */
function wrap(text: string, first: string, rest = first): string[] {
  const words = text.split(/ +/);
  const lines: string[] = [];
  let line = first;
  for (const w of words) {
    if (line.length > first.length && line.length + 1 + w.length > 100) {
      lines.push(line);
      line = rest + w;
    } else line += (line.length > (lines.length === 0 ? first : rest).length ? ' ' : '') + w;
  }
  lines.push(line);
  return lines;
}

/** A stack's snippet under its name, indented, as text output shows it ([] without a stack or a snippet). */
export function snippetLines(spec: Fix['spec'], stack: StackId | undefined, style: Style): string[] {
  const snippet = stack === undefined ? '' : renderSnippet(spec, stack);
  if (!snippet) return [];
  return [
    '',
    paint(style, 'bold', `  ${stack}:`),
    ...safe(snippet)
      .split('\n')
      .map((l) => `    ${l}`),
  ];
}
