// The per-server fixes as the panel shows, copies and exports them: one merged cure per API origin
// (src/core/fix/server.ts), asked of the worker on the panel's port whenever the tab's findings
// change. Plain text helpers; no DOM.
import type { Channel } from '../channel';
import type { ServerFix } from '../core/fix/server';
import { serverStepLabel } from '../core/fix/server-label';
import { isToPanel, type TabFinding, type ToBackground } from '../messages';
import { stackLabel, type StackChoice } from './stacks';
import type { RenderSnippet } from './fix-text';

/** "api.example.com" (with its port, if any): how the panel names a server. */
export function serverName(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** The id of a server's section, for the detail's link (origins are URL-safe once encoded). */
export const serverAnchor = (origin: string): string => `server-fix-${encodeURIComponent(origin)}`;

/** The API origin a finding's request went to ('' when it has none). */
export function apiOriginOf(f: Pick<TabFinding, 'record'>): string {
  try {
    return new URL(f.record.hops[0]?.url ?? '').origin;
  } catch {
    return '';
  }
}

/** Servers worth showing: those with a CORS finding (a failure or a warning) on the tab. */
export function serversToShow(servers: readonly ServerFix[], findings: readonly TabFinding[]): ServerFix[] {
  const withFinding = new Set(findings.filter((f) => f.kind !== 'cookie').map((f) => f.requestId));
  return servers.filter((s) => s.requests.some((id) => withFinding.has(id)));
}

/** The header lines per response kind, each block under its label: what "Plain headers" copies. */
export function serverLinesText(s: ServerFix): string {
  return s.fix.steps.map((step) => [`${serverStepLabel(step)}:`, ...step.headers].join('\n')).join('\n\n');
}

/** The server's cure in the chosen form: the header lines, or the stack's snippet (undefined while the renderer loads, ./lazy.ts). */
export function serverFixText(s: ServerFix, stack: StackChoice, render?: RenderSnippet): string | undefined {
  if (stack === 'headers') return serverLinesText(s);
  return render && (render(s.fix.spec, stack) || serverLinesText(s));
}

/** "Fix for api.example.com: covers 4 requests". */
export function serverTitle(s: ServerFix): string {
  const n = s.requests.length;
  return `Fix for ${serverName(s.origin)}: covers ${n} request${n === 1 ? '' : 's'}`;
}

/** The per-server section of the Markdown report (the caller fences and escapes). */
export function serverMarkdownParts(
  s: ServerFix,
  stack: StackChoice,
  render: RenderSnippet,
): { title: string; body: string; lang: string; notes: string[]; label: string } {
  return {
    title: serverTitle(s),
    body: serverFixText(s, stack, render)!,
    lang: stack === 'headers' ? 'http' : '',
    notes: s.fix.notes,
    label: stack === 'headers' ? 'Header lines' : stackLabel(stack),
  };
}

function isServerFix(v: unknown): v is ServerFix {
  const s = v as ServerFix;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof s.origin === 'string' &&
    Array.isArray(s.requests) &&
    typeof s.fix === 'object' &&
    s.fix !== null &&
    Array.isArray(s.fix.steps) &&
    Array.isArray(s.fix.notes)
  );
}

/**
 * Asks the worker for the tab's server fixes after its findings change (at most one ask per
 * `delayMs`), and hands each answer to `onServers`. Returns the stop function.
 */
export function watchServerFixes(channel: Channel<unknown, ToBackground>, tabId: number, onServers: (s: ServerFix[]) => void, delayMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      channel.post({ type: 'server-fixes', tabId });
    }, delayMs);
  };
  const stop = channel.listen((msg) => {
    if (!isToPanel(msg) || msg.tabId !== tabId) return;
    if (msg.type === 'server-fixes') onServers(msg.servers.filter(isServerFix));
    else ask();
  });
  ask();
  return () => {
    stop();
    clearTimeout(timer);
  };
}
