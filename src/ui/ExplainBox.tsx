// "Explain an error": paste a console text from any browser and read which rule it is, the
// explanation and the cure, from the same explain() as `cors-inspector explain`. explain() and its
// patterns (src/core/explain.ts, src/core/pasted/) are a third of the panel's code and most
// sessions never paste anything: they load with the answer's view (ExplainAnswer.tsx) on the
// first question, not with the panel.
import { useState } from 'preact/hooks';
import type { Explanation } from '../core/explain';
import type { StackId } from '../core/types';

type Answered = { view: typeof import('./ExplainAnswer'); answer: Explanation } | 'failed';

export function ExplainBox({ stack }: { stack?: StackId | undefined }) {
  const [text, setText] = useState('');
  const [answered, setAnswered] = useState<Answered | null>(null);
  const run = () => {
    setAnswered(null); // no earlier answer stands in for this one while it loads
    void import('./ExplainAnswer').then(
      (view) => setAnswered({ view, answer: view.explain(text, stack ? { stack } : {}) }),
      () => setAnswered('failed'),
    );
  };
  return (
    <details class="explain-box" data-testid="explain-box">
      <summary>Explain an error</summary>
      <textarea
        aria-label="Console text to explain"
        data-testid="explain-input"
        placeholder="Paste a CORS error from the console of Chrome, Firefox or Safari"
        rows={3}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run();
        }}
      />
      <button type="button" data-testid="explain-run" onClick={run}>
        Explain
      </button>
      {answered === 'failed' && <p role="status">The explainer did not load (was the extension updated?): close and reopen DevTools.</p>}
      {answered && answered !== 'failed' && <answered.view.ExplainAnswer answer={answered.answer} />}
    </details>
  );
}
