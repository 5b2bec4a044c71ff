// The answer to a pasted console text (ExplainBox.tsx loads this file, with explain() and its
// patterns, on the first question). The pasted text is hostile like network text: it is only ever
// rendered as text (<Text>), never as HTML.
import { credentialsSaid, ENGINE_NAMES, STAGE_WORDS, stageSaid, type ExplainedError, type Explanation } from '../core/explain';
import { Text } from './Text';

export { explain } from '../core/explain';

export function ExplainAnswer({ answer }: { answer: Explanation }) {
  return (
    <div class="explain-answer" data-testid="explain-answer" role="status">
      {answer.known ? (
        answer.errors.map((e, i) => <Answer key={i} e={e} />)
      ) : (
        <p>Not a CORS console sentence I know. Paste the whole console line, as the browser printed it.</p>
      )}
    </div>
  );
}

function Answer({ e }: { e: ExplainedError }) {
  const missing = e.missing.map((m) => (m === 'origin' ? "the page's origin" : 'the request URL')).join(' and ');
  return (
    <section data-testid="explain-error">
      <p>
        In the words of <b>{ENGINE_NAMES[e.engine]}</b>
        {e.era && <>, as {e.era} printed them</>}. Which response: {stageSaid(e)}. Credentials mode: {credentialsSaid(e)}.
        {e.rules.length > 1 && <> These words fit {e.rules.length} rules; the text does not say which.</>}
      </p>
      {(e.followUps ?? []).map((f, i) => (
        <p key={i} class="explain-follow-up" data-testid="explain-follow-up">
          Then, about the same request: <Text value={f} limit={300} /> (it only repeats that the request failed)
        </p>
      ))}
      {e.note && <p class="explain-ask">{e.note}</p>}
      {(e.read.url || e.read.origin || e.read.value !== undefined) && (
        <dl class="explain-read">
          {e.read.url && <Row k="URL" v={e.read.url} />}
          {e.read.redirectTo && <Row k="Redirected to" v={e.read.redirectTo} />}
          {e.read.origin && <Row k="Page origin" v={e.read.origin} />}
          {e.read.value !== undefined && <Row k="Value" v={JSON.stringify(e.read.value)} />}
        </dl>
      )}
      {missing && (
        <p class="explain-ask">The text does not give {missing}: the cure shows a &lt;placeholder&gt; for it. Paste the whole console line to fill it in.</p>
      )}
      {e.rules.map((r) => (
        <RuleAnswer key={r.id} r={r} />
      ))}
    </section>
  );
}

/** One rule the words fit: its explanation, the cure for each response, notes, the page-side alternative, the snippet. */
function RuleAnswer({ r }: { r: ExplainedError['rules'][number] }) {
  return (
    <div class="explain-rule" data-testid="explain-rule">
      <h4>
        <code>{r.id}</code>: {r.summary}
      </h4>
      {r.explanation.split('\n\n').map((p, i) => (
        <p key={i}>
          <Text value={p} />
        </p>
      ))}
      {r.steps.map((s, i) => (
        <div key={i}>
          <p>On {STAGE_WORDS[s.stage]}:</p>
          <pre class="fix-lines">
            <Text value={[...s.headers, ...(s.remove ?? []).map((h) => `(stop sending ${h})`), ...(s.status ? [`status ${s.status}`] : [])].join('\n')} />
          </pre>
        </div>
      ))}
      {r.notes.map((n, i) => (
        <p key={i} class="note">
          <Text value={n} />
        </p>
      ))}
      {r.client && (
        <p class="explain-client" data-testid="explain-client">
          <Text value={r.client} />
        </p>
      )}
      {r.snippet && (
        <pre class="snippet">
          <Text value={r.snippet} limit={20_000} />
        </pre>
      )}
    </div>
  );
}

function Row({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>
        <Text value={v} limit={300} />
      </dd>
    </>
  );
}
