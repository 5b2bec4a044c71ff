// One cure per API the tab talked to: "Fix for api.example.com: covers 4 requests", the header
// lines per response kind or the chosen stack's snippet, a copy button and the notes. Each finding's
// detail links here (ServerFixLink), since pasting one request's snippet can break another.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ServerFix } from '../core/fix/server';
import type { PanelChannel } from './connect';
import type { CopyText } from './copy-text';
import { CopyStatus, selectContents, useCopy } from './CopyButton';
import { apiOriginOf, serverAnchor, serverFixText, serverName, serverTitle, watchServerFixes } from './server-fixes';
import type { StackChoice } from './stacks';
import { stackLabel } from './stacks';
import { Text } from './Text';
import { LOADING, snippetsCode, useLazy } from './lazy';
import type { TabFinding, TrialState } from '../messages';
import { ServerTrialBox } from './ServerTrialBox';
import type { TryFixSend } from './TrialBox';

/** "Try fix" on a server's fix, where the panel can send it (the extension; not the playground). */
export interface ServerTrying {
  tabId: number;
  trial: TrialState | null;
  send: TryFixSend;
}

/** The tab's server fixes, kept fresh from the worker over the panel's port. */
export function useServerFixes(channel: PanelChannel, tabId: number): ServerFix[] {
  const [servers, setServers] = useState<ServerFix[]>([]);
  useEffect(() => watchServerFixes(channel, tabId, setServers), [channel, tabId]);
  return servers;
}

export function ServerFixes({ servers, stack, copy, trying }: { servers: readonly ServerFix[]; stack: StackChoice; copy: CopyText; trying?: ServerTrying }) {
  if (servers.length === 0) return null;
  return (
    <section class="server-fixes" aria-label="One fix per server" data-testid="server-fixes">
      {servers.map((s) => (
        <ServerFixBlock key={s.origin} server={s} stack={stack} copy={copy} trying={trying} />
      ))}
    </section>
  );
}

function ServerFixBlock({ server, stack, copy, trying }: { server: ServerFix; stack: StackChoice; copy: CopyText; trying?: ServerTrying }) {
  const pre = useRef<HTMLPreElement>(null);
  const fixCopy = useCopy(copy);
  const text = serverFixText(server, stack, useLazy(snippetsCode, stack !== 'headers')?.renderSnippet);
  return (
    <details class="server-fix" id={serverAnchor(server.origin)} data-testid="server-fix" data-origin={server.origin}>
      <summary data-testid="server-fix-title">{serverTitle(server)}</summary>
      <p class="note">
        One configuration for every request seen to {serverName(server.origin)}, failing and passing: paste it once instead of each request's own fix (
        {stackLabel(stack)}).
      </p>
      <div class="fix-bar">
        <button
          type="button"
          class="primary"
          data-testid="copy-server-fix"
          disabled={text === undefined}
          onClick={() => text !== undefined && void fixCopy.run(text, () => selectContents(pre.current))}
        >
          Copy
        </button>
        <CopyStatus outcome={fixCopy.outcome} />
      </div>
      <pre class="fix" ref={pre} data-testid="server-fix-text" tabIndex={0} aria-label={`Fix for ${serverName(server.origin)}`}>
        <Text value={text ?? LOADING} limit={16384} />
      </pre>
      <ul class="notes">
        {server.fix.notes.map((n, i) => (
          <li key={i}>
            <Text value={n} />
          </li>
        ))}
      </ul>
      {trying && <ServerTrialBox server={server} tabId={trying.tabId} trial={trying.trial} send={trying.send} />}
    </details>
  );
}

/** In a finding's detail: where the one fix for its whole server is. */
export function ServerFixLink({ f, servers }: { f: TabFinding; servers: readonly ServerFix[] }) {
  const origin = apiOriginOf(f);
  const server = servers.find((s) => s.origin === origin);
  if (!server || server.requests.length < 2) return null;
  const open = (e: Event) => {
    e.preventDefault();
    const el = (e.currentTarget as HTMLElement).ownerDocument.getElementById(serverAnchor(origin));
    if (el instanceof HTMLDetailsElement) el.open = true;
    el?.scrollIntoView?.({ block: 'nearest' });
  };
  return (
    <p class="note" data-testid="server-fix-link">
      Other requests go to {serverName(origin)} too:{' '}
      <a href={`#${serverAnchor(origin)}`} onClick={open}>
        {serverTitle(server)}
      </a>{' '}
      is the one configuration that cures them all.
    </p>
  );
}
