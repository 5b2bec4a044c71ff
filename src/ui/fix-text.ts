// The fix as text in the chosen form, with the stack renderer passed in: the plain header lines
// need no renderer, so a view that shows them loads none (./lazy.ts loads the stacks' code when a
// stack is chosen). ./report.ts binds these to the renderer for the exports.
import type { TabFinding } from '../messages';
import type { StackId } from '../core/types';
import type { FixSpec } from '../core/fix/plan';
import { endpointOf, fixTarget, stepChanges, stepLabel, stepsOf } from './format';
import type { StackChoice } from './stacks';

/** src/core/fix/stacks/index.ts renderSnippet. */
export type RenderSnippet = (spec: FixSpec, stack: StackId) => string;

/** The stack's snippet, rendered from the fix's spec (none for an unexplained block, which names no change). */
export function snippetWith(render: RenderSnippet, f: TabFinding, stack: StackId): string | undefined {
  return f.unexplained ? undefined : render(f.fix.spec, stack) || undefined;
}

/** The selected form of the fix: the exact header lines, or the stack's snippet (undefined: the renderer has not loaded yet). */
export function fixTextWith(render: RenderSnippet | undefined, f: TabFinding, stack: StackChoice): string | undefined {
  if (stack === 'headers') return headerLinesText(f);
  if (render === undefined) return undefined;
  return snippetWith(render, f, stack) ?? headerLinesText(f);
}

/**
 * Exactly the "Name: value" lines to send, so the copy pastes as-is. A plan over several responses
 * labels each block with its response (and any status change or removal, which a one-response fix
 * shows and reports apart).
 */
export function headerLinesText(f: TabFinding): string {
  const steps = stepsOf(f);
  if (steps.length === 1) return steps[0]!.headers.join('\n');
  return steps
    .map((s) => {
      const changes = stepChanges(s);
      return [`On ${stepLabel(f, s)}${changes ? ` (${changes})` : ''}:`, ...s.headers].join('\n');
    })
    .join('\n\n');
}

/** Where the fix goes, in words: one response, or every response of the plan in order. */
export function planTarget(f: TabFinding): string {
  const steps = stepsOf(f);
  if (steps.length === 1) return fixTarget(f);
  return `${steps.map((s) => stepLabel(f, s)).join(', then ')}, for ${f.method} ${endpointOf(f.record.hops[0]?.url ?? f.url)}`;
}
