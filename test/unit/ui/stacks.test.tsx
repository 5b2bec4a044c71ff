// @vitest-environment happy-dom
// The stack selector lists every stack, grouped by language, and remembers the choice; copy-fix,
// "Copy as Markdown" and the Markdown export use the chosen stack's snippet.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { TabFinding } from '../../../src/messages';
import { STACKS, validate } from '../../../src/core/validate';
import { fixText, markdownFor, snippetFor } from '../../../src/ui/report';
import { STACK_GROUPS, STACK_PREF } from '../../../src/ui/stacks';
import { renderSnippet } from '../../../src/core/fix/stacks/index';
import { REPRESENTATIVE } from '../snippets/specs';
import { byRule } from './fixtures';
import { renderPanel } from './harness';
import { ON_THE_PAGE } from '../../../src/core/cookies/fix';

afterEach(cleanup);

/** A recorded finding with its fix rebuilt by today's validator (so it carries every stack's snippet). */
function fresh(rule: string, stage: string): TabFinding {
  const f = byRule(rule, stage);
  const again = validate(f.record).find((x) => x.rule === f.rule && x.stage === f.stage && x.hop === f.hop);
  if (!again) throw new Error(`the validator no longer reports ${rule} on this record`);
  return { ...f, fix: { ...again.fix } };
}

async function open(f: TabFinding, prefs?: Record<string, unknown>) {
  const h = renderPanel({ findings: [f], prefs });
  await waitFor(() => expect(screen.queryAllByTestId('finding-row')).toHaveLength(1));
  fireEvent.mouseDown(screen.getByTestId('finding-row'));
  return h;
}

const select = () => screen.getByTestId<HTMLSelectElement>('stack-select');

describe('stack choice', () => {
  it('groups every stack once, in the registry order', () => {
    expect(STACK_GROUPS.flatMap((g) => g.ids)).toEqual(STACKS.map((s) => s.id));
    expect(STACK_GROUPS.map((g) => g.label)).toEqual(['Node.js', 'Proxies and web servers', 'Python', 'Ruby', 'Go', 'Java', '.NET', 'PHP']);
  });

  it('lists plain headers and all 18 stacks, grouped, in the selector', async () => {
    await open(fresh('missing-allow-origin', 'response'));
    const groups = [...select().querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.value)]);
    expect(groups).toEqual(STACK_GROUPS.map((g) => [g.label, [...g.ids]]));
    const options = [...select().options];
    expect(options.map((o) => o.value)).toEqual(['headers', ...STACKS.map((s) => s.id)]);
    expect(options.map((o) => o.textContent)).toEqual(['Plain headers', ...STACKS.map((s) => s.label)]);
  });

  it('shows, copies and remembers the chosen stack, and the Markdown export uses it', async () => {
    const f = fresh('preflight-status', 'preflight');
    const h = await open(f);
    fireEvent.change(select(), { target: { value: 'spring-security' } });
    // The snippet renderers load when a stack is first shown (src/ui/lazy.ts).
    await waitFor(() => expect(screen.getByTestId('fix-text').textContent).toBe(renderSnippet(f.fix.spec, 'spring-security')));
    expect(renderSnippet(f.fix.spec, 'spring-security')).toContain('http.cors(');
    expect(h.prefs.data.get(STACK_PREF)).toBe('spring-security');

    fireEvent.click(screen.getByTestId('copy-fix'));
    await waitFor(() => expect(h.copied).toEqual([renderSnippet(f.fix.spec, 'spring-security')]));
    fireEvent.click(screen.getByTestId('copy-markdown'));
    await waitFor(() => expect(h.copied).toHaveLength(2));
    expect(h.copied[1]).toContain('(Spring Security)');
    expect(h.copied[1]).toContain(renderSnippet(f.fix.spec, 'spring-security'));

    fireEvent.click(screen.getByTestId('export-markdown'));
    await waitFor(() => expect(h.download).toHaveBeenCalled());
    const [, md] = h.download.mock.calls.at(-1) as unknown as [string, string];
    expect(md).toContain(renderSnippet(f.fix.spec, 'spring-security'));
    expect(md).not.toContain(renderSnippet(f.fix.spec, 'express'));

    cleanup();
    await open(f, { [STACK_PREF]: 'laravel' });
    await waitFor(() => expect(select().value).toBe('laravel'));
    await waitFor(() => expect(screen.getByTestId('fix-text').textContent).toBe(renderSnippet(f.fix.spec, 'laravel')));
    expect(renderSnippet(f.fix.spec, 'laravel')).toContain("'supports_credentials' => true");
  });

  it('ignores a remembered stack that no longer exists', async () => {
    await open(fresh('missing-allow-origin', 'response'), { [STACK_PREF]: 'cobol' });
    expect(select().value).toBe('headers');
  });
});

describe('snippets from the spec', () => {
  it('renders every stack from the fix spec where it is shown (nothing rendered is stored)', () => {
    const f = fresh('wildcard-origin', 'response');
    const spec = REPRESENTATIVE['wildcard-with-credentials']!;
    const kept = { ...f, fix: { ...f.fix, spec } };
    expect(Object.keys(kept.fix)).toEqual(['steps', 'notes', 'spec']);
    const nestjs = renderSnippet(spec, 'nestjs');
    expect(nestjs).toContain('app.enableCors(');
    expect(snippetFor(kept, 'nestjs')).toBe(nestjs);
    expect(fixText(kept, 'nestjs')).toBe(nestjs);
    expect(markdownFor(kept, 'nestjs')).toContain(nestjs);
  });

  it('falls back to the header lines, and says so, when the cure has no stack form', async () => {
    const f = byRule('wildcard-origin', 'response');
    // An HTTP auth challenge's cure is on the page: its spec renders no snippet.
    const bare = { ...f, fix: { ...f.fix, spec: ON_THE_PAGE } };
    expect(fixText(bare, 'laravel')).toBe(f.fix.steps[0]!.headers.join('\n'));
    await open(bare, { [STACK_PREF]: 'laravel' });
    await waitFor(() => expect(select().value).toBe('laravel'));
    await waitFor(() => expect(screen.getByTestId('fix-text').textContent).toBe(f.fix.steps[0]!.headers.join('\n')));
    expect(screen.getByText(/No snippet for this stack/)).toBeTruthy();
  });
});
