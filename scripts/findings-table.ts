// The terminal table `npm start --headless` prints: one row per finding (cause, URL), then the
// fix as header lines under it. Values come from the network: control characters are escaped so
// a hostile header cannot drive the terminal.
import type { TabFinding } from '../src/messages';

export const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function fixLines(f: TabFinding): string[] {
  // Every response the plan changes, in order: a preflight failure is cured on the OPTIONS
  // response and on the actual response; a redirect on the redirect and on where it leads. A step
  // may sit on another hop than the failure (a credentialed call redirected to a login page is
  // fixed on the redirect), so each line names its own hop.
  return f.fix.steps.flatMap((step) => {
    const where = `${step.stage}${step.hop > 0 ? ` (hop ${step.hop})` : ''}`;
    return [
      ...step.headers.map((h) => `send on ${where}: ${h}`),
      ...(step.remove ?? []).map((h) => `stop sending on ${where}: ${h}`),
      ...(step.status ? [`status on ${where}: ${step.status.from} → ${step.status.to}`] : []),
    ];
  });
}

export function findingsTable(findings: readonly TabFinding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const cookies = findings.filter((f) => f.kind === 'cookie').length;
  const rows = [...findings].sort((a, b) => a.time - b.time);
  const causeWidth = Math.min(56, Math.max(5, ...rows.map((f) => clean(f.cause).length)));
  const out = [
    `${findings.length} finding(s): ${errors} blocked request(s), ${findings.length - errors - cookies} warning(s)${cookies ? `, ${cookies} cookie/credential finding(s)` : ''}`,
    '',
    `  #   ${pad('METHOD', 7)} ${pad('CAUSE', causeWidth)}  URL`,
  ];
  rows.forEach((f, i) => {
    const mark = f.kind === 'cookie' ? 'c' : f.severity === 'error' ? ' ' : '!';
    // Non-credentialed CORS failures are listed too, and said to be such.
    const cause = f.credentialed || f.severity !== 'error' ? f.cause : `${f.cause} · no credentials`;
    out.push(`${pad(String(i + 1), 3)}${mark} ${pad(clean(f.method), 7)} ${pad(clean(cause), causeWidth)}  ${clean(f.url)}`);
    for (const line of fixLines(f)) out.push(`      ↳ ${clean(line)}`);
  });
  if (rows.some((f) => f.severity !== 'error' && f.kind !== 'cookie')) out.push('', '  ! = a warning on a request the browser allowed');
  if (cookies)
    out.push(
      `${rows.some((f) => f.severity !== 'error' && f.kind !== 'cookie') ? '' : '\n'}  c = a credential that never left (cookie refused or not sent, HTTP auth, client certificate): not a CORS block`,
    );
  return out.join('\n');
}

/** Ask the worker for the tab's findings until their number stops changing. */
export async function settledFindings(ask: () => Promise<TabFinding[]>, want: number): Promise<TabFinding[]> {
  let last: TabFinding[] = [];
  let stableSince = Date.now();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const now = await ask();
    if (now.length !== last.length) stableSince = Date.now();
    last = now;
    // Settled: everything expected is in and nothing new for a second, or nothing new for 5 s.
    const quiet = Date.now() - stableSince;
    if ((last.length >= want && quiet >= 1000) || quiet >= 5000) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}
