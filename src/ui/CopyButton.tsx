// A copy button that says what happened: "Copied", or, when both clipboard paths are blocked,
// selects the text it was given (if any) and asks for Ctrl+C.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyText } from './copy-text';

export type CopyOutcome = 'idle' | 'copied' | 'failed';

export function useCopy(copy: CopyText) {
  const [outcome, setOutcome] = useState<CopyOutcome>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const run = async (text: string, select?: () => void) => {
    const ok = await copy(text).catch(() => false);
    setOutcome(ok ? 'copied' : 'failed');
    if (!ok) select?.();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setOutcome('idle'), ok ? 1500 : 6000);
    return ok;
  };
  return { outcome, run };
}

export function CopyStatus({ outcome }: { outcome: CopyOutcome }) {
  return (
    <span class={`copy-status ${outcome}`} role="status" aria-live="polite" data-testid="copy-status">
      {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Copy blocked: press Ctrl+C (⌘C) to copy the selected text' : ''}
    </span>
  );
}

export function selectContents(el: Element | null | undefined): void {
  if (!el) return;
  const sel = el.ownerDocument.getSelection();
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  sel?.removeAllRanges();
  sel?.addRange(range);
}
