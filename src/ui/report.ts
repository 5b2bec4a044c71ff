// What "Copy fix", "Copy as Markdown" and Export produce. Everything that leaves the panel is
// redacted by src/core/redact.ts (shared with the command line): secret header values masked,
// request header values kept only where a rule reads them, user:password@ removed and
// credential-looking URL parts and values masked.
import type { TabFinding } from '../messages';
import type { HeaderLine, StackId } from '../core/types';
import { renderSnippet } from '../core/fix/stacks/index';
import { redactFinding as redactCore, redactText } from '../core/redact';
import { credentialsLabel, endpointOf, formatTime, maskHeader, stageLabel, stepLabel, stepsOf } from './format';
import { fixTextWith, planTarget, snippetWith } from './fix-text';
import { messagesOf } from '../core/validate';
import { otherEngines } from './engines';
import { stackLabel, type StackChoice } from './stacks';
import { serverFixes, type ServerFix } from '../core/fix/server';
import { serverFixText as serverFixTextWith, serverMarkdownParts, serversToShow } from './server-fixes';

/** The selected form of the fix: the exact header lines, or the stack's snippet. */
export const fixText = (f: TabFinding, stack: StackChoice): string => fixTextWith(renderSnippet, f, stack)!;

/** The stack's snippet, rendered from the fix's spec (none for an unexplained block, which names no change). */
export const snippetFor = (f: TabFinding, stack: StackId): string | undefined => snippetWith(renderSnippet, f, stack);

/** The server's cure in the chosen form: the header lines, or the stack's snippet. */
export const serverFixText = (s: ServerFix, stack: StackChoice): string => serverFixTextWith(s, stack, renderSnippet)!;

/** "Credentials: …" without repeating the word when the label already names the mode (credentials: 'include'). */
function credentialsLine(f: TabFinding): string {
  const label = credentialsLabel(f);
  return /^credentials: /.test(label) ? `Sent with ${inline(label)}` : `Credentials: ${inline(label)}`;
}

const maskLines = (hs: readonly HeaderLine[]) => hs.map(maskHeader);

/** A finding fit to leave the panel: the one redaction pass the command line uses too. */
export function redactFinding(f: TabFinding): TabFinding {
  return redactCore(f);
}

/** A code fence longer than any backtick run inside, so header values cannot close it. */
export const fence = (text: string, lang = '') => {
  // A loop, not Math.max(...runs): a value with ~125k runs overflows the argument list (RangeError).
  let longest = 2;
  for (const m of text.matchAll(/`+/g)) if (m[0].length > longest) longest = m[0].length;
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
};

const inline = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');

function headerBlock(title: string, status: number | undefined, hs: readonly HeaderLine[]): string {
  const head = status === undefined ? '' : `HTTP ${status}\n`;
  return `${title}\n\n${fence(
    head +
      maskLines(hs)
        .map((h) => `${h.name}: ${h.value}`)
        .join('\n'),
    'http',
  )}`;
}

/** One finding as an issue-tracker comment. */
export function markdownFor(f0: TabFinding, stack: StackChoice, count = 1): string {
  const f = redactFinding(f0);
  const hop = f.record.hops[f.hop];
  const parts = [
    `### ${f.kind === 'cookie' ? 'Credentials' : 'CORS'}: ${inline(f.method)} ${inline(endpointOf(f.url))}: ${inline(f.cause)}`,
    `- Stage: ${stageLabel(f.stage)}${f.status !== undefined ? `, status ${f.status}` : ''}`,
    `- ${credentialsLine(f)}; origin ${inline(f.record.origin)}`,
    `- Seen: ${formatTime(f.time)}${count > 1 ? ` (${count} requests like this)` : ''}`,
    '',
    'Browser console:',
    '',
    fence(f.message),
    ...otherEngines(f).flatMap((o) => ['', o.text === null ? `${o.label}: allowed.` : `${o.label}:\n\n${fence(o.text)}`]),
    '',
    f.explanation.split('\n\n').map(inline).join('\n\n'),
    '',
    `**Fix**: on ${inline(planTarget(f))}${stack === 'headers' ? '' : ` (${stackLabel(stack)})`}:`,
    '',
    fence(fixText(f, stack), stack === 'headers' ? 'http' : ''),
  ];
  const steps = stepsOf(f);
  for (const s of steps) {
    const on = steps.length > 1 ? ` on ${stepLabel(f, s)}` : '';
    if (s.remove?.length) parts.push('', `- Stop sending${inline(on)}: ${s.remove.map(inline).join(', ')}`);
    if (s.status) parts.push('', `- Status${inline(on)}: answer ${s.status.to} instead of ${s.status.from}: ${inline(s.status.why)}`);
  }
  for (const note of f.fix.notes) parts.push('', `- ${inline(note)}`);
  if (hop?.preflight) parts.push('', headerBlock('Preflight response headers:', hop.preflight.status, hop.preflight.headers));
  if (hop?.response) parts.push('', headerBlock('Response headers:', hop.response.status, hop.response.headers));
  return parts.join('\n');
}

/**
 * The whole tab as Markdown: first one fix per server (`servers`; by default merged from the
 * findings alone), then every finding.
 */
export function markdownReport(
  findings: readonly TabFinding[],
  stack: StackChoice,
  now = Date.now(),
  servers: readonly ServerFix[] = serversToShow(serverFixes(findings), findings),
): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity !== 'error' && f.kind !== 'cookie');
  const cookies = findings.filter((f) => f.kind === 'cookie');
  const head = `# CORS Credentials Inspector report\n\n${new Date(now).toISOString()}: ${errors.length} failing request(s), ${warnings.length} warning(s), ${cookies.length} cookie/credential finding(s).`;
  const section = (title: string, list: readonly TabFinding[]) => (list.length ? [`## ${title}`, ...list.map((f) => markdownFor(f, stack))] : []);
  const perServer = servers.length ? ['## One fix per server', ...servers.map((s) => serverMarkdown(s, stack))] : [];
  return (
    [head, ...perServer, ...section('Failures', errors), ...section('Warnings', warnings), ...section('Cookies and other credentials', cookies)].join('\n\n') +
    '\n'
  );
}

/** One server's merged cure, redacted like everything that leaves the panel. */
function serverMarkdown(s: ServerFix, stack: StackChoice): string {
  const p = serverMarkdownParts(s, stack, renderSnippet);
  return [
    `### ${inline(p.title)}`,
    '',
    `${p.label}:`,
    '',
    fence(redactText(p.body), p.lang),
    ...p.notes.flatMap((n) => ['', `- ${inline(redactText(n))}`]),
  ].join('\n');
}

/** The findings as JSON, redacted, each CORS error with every engine's words rendered from its record. */
export function exportJson(findings: readonly TabFinding[], now = Date.now()): string {
  const withWords = (f: TabFinding) => {
    const messages = messagesOf(f);
    return messages ? { ...f, messages } : f;
  };
  return JSON.stringify({ exportedAt: new Date(now).toISOString(), findings: findings.map((f) => redactFinding(withWords(f))) }, null, 2);
}

/** Saves text through a Blob link; injected in tests. */
export type Download = (name: string, text: string, type: string) => void;

export const downloadText: Download = (name, text, type) => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
