// The selected row, action first: what to change on which response (one sentence each), the fix
// in the chosen form, then the browsers' words, the explanation (past its first paragraph on
// demand) and the headers with the cause marked. Docked short (320 px) or narrow (560 px), the
// cure is what is on screen.
import type { ComponentChildren, Ref } from 'preact';
import { useRef } from 'preact/hooks';
import type { TabFinding } from '../messages';
import type { Stage } from '../core/types';
import type { Row } from './store';
import type { CopyText } from './copy-text';
import { CopyStatus, selectContents, useCopy } from './CopyButton';
import { HeaderList } from './HeaderList';
import { fixTextWith, snippetWith } from './fix-text';
import { enginesCode, LOADING, reportCode, snippetsCode, useLazy } from './lazy';
import { STACK_GROUPS, isStackChoice, stackLabel, type StackChoice } from './stacks';
import { actionSentences, cliCommand, credentialsLabel, formatTime, stageLabel, stepLabel, stepsOf } from './format';
import { Text } from './Text';
import type { ServerFix } from '../core/fix/server';
import { ServerFixLink } from './ServerFixes';

export interface DetailProps {
  row: Row;
  stack: StackChoice;
  onStack(s: StackChoice): void;
  copy: CopyText;
  onClose(): void;
  /** The tab's per-server fixes: the detail links to its server's. */
  servers?: readonly ServerFix[];
  /** Set by the panel so its keyboard shortcut can press "Copy fix". */
  copyRef?: { current: (() => void) | null };
  /** The scrolling body, so a key can move focus into the detail. */
  bodyRef?: Ref<HTMLDivElement>;
  /** "Try fix" in the browser (absent where the panel cannot ask the worker: tests, plain pages). */
  trial?: { render(f: TabFinding): ComponentChildren };
}

/** Response headers (access-control-*, vary, location) are marked on the stage's response; others are request headers. */
function isResponseHeader(name: string): boolean {
  return name.startsWith('access-control-') || name === 'vary' || name === 'location' || name === 'set-cookie' || name === 'www-authenticate';
}

export function Detail({ row, stack, onStack, copy, onClose, copyRef, bodyRef, trial, servers = [] }: DetailProps) {
  const f = row.finding;
  const isError = f.severity === 'error';
  return (
    <section class="detail" aria-label="Finding details" data-testid="detail">
      <header class="detail-head">
        <span class="c-method">{f.method}</span>
        <span class="detail-url" title={f.url}>
          <Text value={f.url} limit={500} />
        </span>
        <button type="button" class="icon" aria-label="Close details (Esc)" title="Close (Esc)" onClick={onClose}>
          ✕
        </button>
      </header>
      <div class="detail-body" ref={bodyRef} tabIndex={-1} data-testid="detail-body">
        {/* Action first: what to change where, one sentence per response, before any explanation. */}
        <div class={`action ${isError ? 'is-error' : 'is-warning'}`} data-testid="action">
          {actionSentences(f).map((line, i) => (
            <p key={i} data-testid="action-sentence">
              <Text value={line} limit={2048} />
            </p>
          ))}
        </div>
        <ServerFixLink f={f} servers={servers} />
        <Fix row={row} stack={stack} onStack={onStack} copy={copy} copyRef={copyRef} />
        {trial && isError && !f.unexplained && f.kind !== 'cookie' && trial.render(f)}
        {!!f.fix.notes.length && (
          <ul class="notes">
            {f.fix.notes.map((n, i) => (
              <li key={i}>
                <Text value={n} />
              </li>
            ))}
          </ul>
        )}
        <BrowserWords f={f} copy={copy} />
        <Facts row={row} />
        <Explanation f={f} />
        <h2>Headers</h2>
        <Headers f={f} />
      </div>
    </section>
  );
}

/** The fix in the chosen form, its copy buttons, and each step's status change. */
function Fix({ row, stack, onStack, copy, copyRef }: Pick<DetailProps, 'row' | 'stack' | 'onStack' | 'copy' | 'copyRef'>) {
  const f = row.finding;
  const fixEl = useRef<HTMLPreElement>(null);
  const fixCopy = useCopy(copy);
  const cliCopy = useCopy(copy);
  // A stack's snippet loads the renderers, "Copy as Markdown" the report (./lazy.ts).
  const render = useLazy(snippetsCode, stack !== 'headers')?.renderSnippet;
  const text = fixTextWith(render, f, stack);
  const copyFix = () => text !== undefined && void fixCopy.run(text, () => selectContents(fixEl.current));
  if (copyRef) copyRef.current = copyFix;
  const copyMarkdown = () => void reportCode.load().then((r) => fixCopy.run(r.markdownFor(f, stack, row.count)));
  const preloadReport = () => void reportCode.load().catch(() => {}); // a preload that fails is tried again by the copy
  const snippetMissing = stack !== 'headers' && render !== undefined && !snippetWith(render, f, stack);
  return (
    <>
      <div class="fix-bar">
        <StackSelect stack={stack} onStack={onStack} />
        <button type="button" class="primary" data-testid="copy-fix" onClick={copyFix} title="Copy fix (c)" disabled={text === undefined}>
          Copy fix
        </button>
        {/* The report starts loading as the pointer or focus comes, so the click's copy rarely waits for it. */}
        <button type="button" data-testid="copy-markdown" onClick={copyMarkdown} onPointerEnter={preloadReport} onFocus={preloadReport}>
          Copy as Markdown
        </button>
        {f.kind !== 'cookie' && (
          <button
            type="button"
            data-testid="copy-cli"
            title="A command that re-checks the server from a terminal once it is fixed"
            onClick={() => void cliCopy.run(cliCommand(f))}
          >
            Copy <code>cors-inspector check</code>
          </button>
        )}
        <CopyStatus outcome={fixCopy.outcome === 'idle' ? cliCopy.outcome : fixCopy.outcome} />
      </div>
      {snippetMissing && <p class="note">No snippet for this stack; the plain header lines are shown.</p>}
      <pre class="fix" ref={fixEl} data-testid="fix-text" tabIndex={0} aria-label="Fix">
        <Text value={text ?? LOADING} limit={16384} />
      </pre>
      {stepsOf(f).map(
        (st, i, all) =>
          st.status && (
            <p class="note" key={`status-${i}`}>
              Status{all.length > 1 ? ` on ${stepLabel(f, st)}` : ''}: answer {st.status.to} instead of {st.status.from}: <Text value={st.status.why} />
            </p>
          ),
      )}
    </>
  );
}

function StackSelect({ stack, onStack }: Pick<DetailProps, 'stack' | 'onStack'>) {
  return (
    <label>
      Form{' '}
      <select
        aria-label="Server stack"
        data-testid="stack-select"
        value={stack}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isStackChoice(v)) onStack(v);
        }}
      >
        <option value="headers">{stackLabel('headers')}</option>
        {STACK_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.ids.map((id) => (
              <option key={id} value={id}>
                {stackLabel(id)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

/** The browser's sentence (copyable), Firefox's follow-up lines, and the other engines' words. */
function BrowserWords({ f, copy }: { f: TabFinding; copy: CopyText }) {
  const msgEl = useRef<HTMLDivElement>(null);
  const msgCopy = useCopy(copy);
  const isError = f.severity === 'error';
  return (
    <>
      <h2>{isError ? 'What the browser says' : f.kind === 'cookie' ? 'What the browser did' : 'Advice'}</h2>
      <div class="console-line">
        <div class={`console-msg ${isError ? 'is-error' : 'is-warning'}`} ref={msgEl} data-testid="console-message">
          <Text value={f.message} limit={4096} />
        </div>
        <button type="button" onClick={() => void msgCopy.run(f.message, () => selectContents(msgEl.current))}>
          Copy
        </button>
        <CopyStatus outcome={msgCopy.outcome} />
      </div>
      {/* Firefox's later lines for the same request (a failed preflight's "did not succeed"). */}
      {(f.followUp ?? []).map((line, i) => (
        <div key={i} class="follow-up" data-testid="console-follow-up">
          <Text value={line} limit={4096} />
        </div>
      ))}
      <Engines f={f} />
      {f.unexplained && <p class="note">The browser blocked this request, but no rule explains why yet.</p>}
    </>
  );
}

/** Stage, status, credentials, initiator, time and count as chips; the preflight's tie to its request. */
function Facts({ row }: { row: Row }) {
  const f = row.finding;
  return (
    <>
      <p class="facts">
        <span class={`chip stage-${f.stage}`}>{stageLabel(f.stage)}</span>
        {f.status !== undefined && <span class="chip">status {f.status}</span>}
        <span class="chip">{credentialsLabel(f)}</span>
        <span class="chip">{f.initiator === 'xmlhttprequest' ? 'XHR' : f.initiator}</span>
        <span class="chip">{formatTime(f.time)}</span>
        {row.count > 1 && <span class="chip">{row.count} requests like this (newest shown)</span>}
        {f.fromWorker && (
          <span
            class="chip"
            data-testid="from-worker"
            title="webRequest gives a service or shared worker's requests no tab: listed on the newest tab of this origin"
          >
            from a service or shared worker
          </span>
        )}
      </p>
      {f.stage === 'preflight' && (
        <p class="tie" data-testid="preflight-tie">
          The browser's OPTIONS preflight for this {f.method} failed, so the {f.method} itself was never sent.
        </p>
      )}
    </>
  );
}

/** The explanation's first paragraph, the rest folded under "More". */
function Explanation({ f }: { f: TabFinding }) {
  const [intro, ...more] = f.explanation.split('\n\n');
  return (
    <>
      <h2>Why</h2>
      <div class="explanation" data-testid="explanation">
        <p data-testid="explanation-paragraph">
          <Text value={intro ?? ''} limit={4096} />
        </p>
        {more.length > 0 && (
          <details data-testid="explanation-more">
            <summary>More</summary>
            {more.map((para, i) => (
              <p key={i} data-testid="explanation-paragraph">
                <Text value={para} limit={4096} />
              </p>
            ))}
          </details>
        )}
      </div>
    </>
  );
}

/** The same failure in the other engines' words, as text (they come from our templates, not the network). */
function Engines({ f }: { f: TabFinding }) {
  // Only a CORS error has other engines' words (messagesOf): the validator loads for those alone.
  const others = useLazy(enginesCode, f.severity === 'error' && f.kind !== 'cookie' && f.unexplained !== true)?.otherEngines(f) ?? [];
  if (others.length === 0) return null;
  return (
    <dl class="engines" data-testid="engine-messages">
      {others.map((o) => (
        <div key={o.engine} data-testid={`engine-${o.engine}`}>
          <dt>{o.label}</dt>
          <dd class={o.text === null ? 'allowed' : undefined}>
            {o.text === null ? 'allowed: it would let the page read the response' : <Text value={o.text} limit={4096} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Headers({ f }: { f: TabFinding }) {
  const header = f.header?.toLowerCase();
  const onResponse = header !== undefined && isResponseHeader(header);
  const mark = (hop: number, stage: Stage | 'request') => {
    if (!header) return undefined;
    if (stage === 'request') return onResponse ? undefined : header;
    const findingStage = f.stage === 'redirect' ? 'response' : f.stage;
    return onResponse && hop === f.hop && stage === findingStage ? header : undefined;
  };
  const r = f.record;
  const requestHeaders = r.requestHeaders.some((h) => h.name.toLowerCase() === 'origin')
    ? r.requestHeaders
    : [{ name: 'Origin', value: r.origin }, ...r.requestHeaders];
  return (
    <>
      <HeaderList title={`Request headers (${f.method})`} headers={requestHeaders} offending={mark(0, 'request')} note="set by the page, plus Origin" />
      {r.hops.map((h, i) => (
        <div key={i} class="hop">
          {r.hops.length > 1 && (
            <h3 class="hop-url">
              Hop {i + 1}: <Text value={h.url} limit={300} />
            </h3>
          )}
          {(h.preflight || mark(i, 'preflight')) && (
            <HeaderList
              title="Preflight response (OPTIONS)"
              status={h.preflight?.status}
              headers={h.preflight?.headers ?? []}
              offending={mark(i, 'preflight')}
              note={h.preflight ? undefined : 'no response'}
            />
          )}
          {h.response ? (
            <HeaderList
              title={h.response.status >= 300 && h.response.status < 400 ? 'Redirect response' : 'Response'}
              status={h.response.status}
              headers={h.response.headers}
              offending={mark(i, 'response')}
            />
          ) : (
            <p class="note">{h.preflight ? `No ${f.method} was sent: the preflight failed.` : 'No response arrived.'}</p>
          )}
        </div>
      ))}
    </>
  );
}
