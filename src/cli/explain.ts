// `explain`: a console text pasted from any engine → the rule, what the text says, the
// explanation and the cure (src/core/explain.ts), printed for a terminal. Pasted text is hostile
// like network text: every character that could move the cursor is shown as a marker (safe()).
import { credentialsSaid, ENGINE_NAMES, explain, STAGE_WORDS, stageSaid, type ExplainedError, type Explanation } from '../core/explain';
import type { StackId } from '../core/types';
import { paint, safe, type Style } from './style';

export function runExplain(text: string, stack: StackId | undefined): Explanation {
  return explain(text, stack ? { stack } : {});
}

export function renderExplanation(x: Explanation, style: Style, stack?: StackId): string {
  if (!x.known) {
    return 'Not a CORS console sentence I know (Chromium, Firefox or Safari, or a common description of one).\nPaste the whole console line, as the browser printed it.\n';
  }
  return x.errors.map((e) => errorLines(e, style, stack).join('\n')).join('\n\n') + '\n';
}

function errorLines(e: ExplainedError, style: Style, stack: StackId | undefined): string[] {
  const out = [paint(style, 'bold', `In the words of ${ENGINE_NAMES[e.engine]}${e.era ? `, as ${e.era} printed them` : ''}:`) + ` ${safe(e.sentence)}`];
  for (const f of e.followUps ?? []) out.push(`Then, about the same request: ${safe(f)} (it only repeats that the request failed)`);
  if (e.note) out.push(paint(style, 'yellow', safe(e.note)));
  if (e.rules.length > 1) out.push(paint(style, 'yellow', `These words fit ${e.rules.length} rules; the console text does not say which:`));
  out.push(`Stage: ${stageSaid(e)}`);
  const read = e.read;
  if (read.url) out.push(`URL: ${safe(read.url)}${read.redirectedFrom ? ` (redirected from ${safe(read.redirectedFrom)})` : ''}`);
  if (read.redirectTo) out.push(`Redirected to: ${safe(read.redirectTo)}`);
  if (read.origin) out.push(`Page origin: ${safe(read.origin)}`);
  if (read.value !== undefined)
    out.push(
      `Value in the text: ${JSON.stringify(read.value).length > 300 ? `${safe(JSON.stringify(read.value).slice(0, 300))}…` : safe(JSON.stringify(read.value))}`,
    );
  if (read.status !== undefined) out.push(`Status: ${read.status}`);
  out.push(`Credentials mode: ${credentialsSaid(e)}`);
  if (e.missing.length > 0) {
    const what = e.missing.map((m) => (m === 'origin' ? "the page's origin (e.g. https://app.example.com)" : 'the request URL')).join(' and ');
    out.push(paint(style, 'yellow', `The text does not give ${what}: the cure shows <placeholders>; paste the whole console line to fill them.`));
  }
  for (const r of e.rules) {
    out.push('', paint(style, 'bold', `${r.id}: ${r.summary}`));
    if (r.explanation) out.push(...r.explanation.split('\n\n').map((p) => `  ${safe(p)}`));
    r.steps.forEach((s, i) => {
      out.push(`  ${r.steps.length > 1 ? `${i + 1}. ` : ''}On ${STAGE_WORDS[s.stage]}:`);
      for (const h of s.headers) out.push(paint(style, 'green', `      ${safe(h)}`));
      for (const h of s.remove ?? []) out.push(paint(style, 'red', `      (stop sending ${safe(h)})`));
      if (s.status) out.push(`      status ${safe(s.status)}`);
    });
    for (const n of r.notes) out.push(`  - ${safe(n)}`);
    if (r.client) out.push(`  ${safe(r.client)}`);
    if (r.snippet) out.push('', paint(style, 'bold', `  ${stack ?? ''}:`), ...r.snippet.split('\n').map((l) => `    ${safe(l)}`));
  }
  return out;
}
