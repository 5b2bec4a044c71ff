// @vitest-environment happy-dom
import { causeWords } from '../../../src/ui/format';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryPair } from '../../../src/channel';
import type { TabFinding, ToBackground, ToPanel } from '../../../src/messages';
import { Popup } from '../../../src/ui/Popup';
import { memoryPrefs, STACK_PREF } from '../../../src/ui/stacks';
import { findings, tabId } from './fixtures';
import { fixText } from '../../../src/ui/report';
import { renderSnippet } from '../../../src/core/fix/stacks/index';

afterEach(cleanup);

function renderPopup(list: TabFinding[], copy = vi.fn(async (_: string) => true), prefs = memoryPrefs(), pin?: { pinned: boolean; firefox: boolean }) {
  const [end, worker] = memoryPair<ToPanel, ToBackground>();
  worker.listen((m) => worker.post({ type: 'snapshot', tabId: m.tabId, findings: list, dropped: 0, preserveLog: false }));
  render(<Popup channel={end} tabId={tabId} prefs={prefs} copy={copy} {...(pin ? { pin } : {})} />);
  return copy;
}

describe('the popup', () => {
  it('says where the panel is, and how to pin the button in the browser it runs in, until it is pinned', () => {
    renderPopup([], undefined, undefined, { pinned: false, firefox: false });
    expect(screen.getByTestId('where-panel').textContent).toMatch(/DevTools .*→ CORS panel \(behind » when DevTools is narrow\)/);
    expect(screen.getByTestId('pin-hint').textContent).toContain('puzzle-piece Extensions button → the pin beside CORS Credentials Inspector');
    cleanup();
    renderPopup([], undefined, undefined, { pinned: false, firefox: true });
    expect(screen.getByTestId('pin-hint').textContent).toContain('Extensions button → gear beside CORS Credentials Inspector → Pin to Toolbar');
    cleanup();
    renderPopup([], undefined, undefined, { pinned: true, firefox: true });
    expect(screen.queryByTestId('pin-hint')).toBeNull();
    expect(screen.getByTestId('where-panel').textContent).toContain('CORS panel');
  });

  it('lists the failures, newest first, with cause and a Copy fix that copies the header lines', async () => {
    const copy = renderPopup(findings());
    const errors = findings()
      .filter((f) => f.severity === 'error')
      .sort((a, b) => b.time - a.time);
    await waitFor(() => expect(screen.getAllByTestId('popup-row').length).toBeGreaterThan(0));
    expect(screen.getByTestId('popup-count').textContent).toBe(`${errors.length} blocked`);
    const first = screen.getAllByTestId('popup-row')[0]!;
    expect(first.textContent).toContain(causeWords(errors[0]!).text);
    fireEvent.click(within(first).getByTestId('copy-fix'));
    await waitFor(() => expect(within(first).getByTestId('copy-status').textContent).toBe('Copied'));
    // The same text as the panel's Copy fix (report.test.ts pins its form): every step's lines.
    expect(copy).toHaveBeenCalledWith(fixText(errors[0]!, 'headers'));
    for (const step of errors[0]!.fix.steps) for (const line of step.headers) expect(copy.mock.calls[0]![0]).toContain(line);
    expect(screen.getByText(/open DevTools/).textContent).toContain('CORS');
  });

  it('says which blocked requests carried no credentials', async () => {
    renderPopup(findings());
    await waitFor(() => expect(screen.getAllByTestId('popup-row').length).toBeGreaterThan(0));
    const errors = findings().filter((f) => f.severity === 'error');
    const bare = errors.filter((f) => !f.credentialed).length;
    expect(bare).toBeGreaterThan(0); // recorded: omit-acao-missing, xhr-anonymous-acao-missing, same-origin-acao-other
    expect(screen.getAllByTestId('no-credentials')).toHaveLength(bare);
  });

  it('copies the remembered stack snippet, and shows the fix when copying fails', async () => {
    const f = findings().find((x) => x.severity === 'error')!;
    const copy = renderPopup(
      [f],
      vi.fn(async () => false),
      memoryPrefs({ [STACK_PREF]: 'rails' }),
    );
    const row = await screen.findByTestId('popup-row');
    await waitFor(() => expect(within(row).getByTestId('copy-fix').getAttribute('title')).toBe('Copy fix (Rails)'));
    // The button waits for the snippet renderers, loaded once a stack is chosen (src/ui/lazy.ts).
    await waitFor(() => expect(within(row).getByTestId<HTMLButtonElement>('copy-fix').disabled).toBe(false));
    fireEvent.click(within(row).getByTestId('copy-fix'));
    await waitFor(() => expect(within(row).getByTestId('fix-text').textContent).toBe(renderSnippet(f.fix.spec, 'rails')));
    expect(copy).toHaveBeenCalledWith(renderSnippet(f.fix.spec, 'rails'));
    expect(within(row).getByTestId('copy-status').textContent).toMatch(/Ctrl\+C/);
  });

  it('says what is watched when nothing failed', async () => {
    renderPopup([]);
    await waitFor(() => expect(screen.getByTestId('empty-state').textContent).toContain('No blocked credentialed requests on this tab.'));
  });
});

describe('the pause switch', () => {
  it('shows Watching, and unchecking it asks to pause; checking it again asks to watch', async () => {
    const [end, worker] = memoryPair<ToPanel, ToBackground>();
    worker.listen((m) => worker.post({ type: 'snapshot', tabId: m.tabId, findings: [], dropped: 0, preserveLog: false }));
    const set = vi.fn();
    render(<Popup channel={end} tabId={tabId} prefs={memoryPrefs()} watching={{ on: true, set }} />);
    const box = screen.getByTestId<HTMLInputElement>('watching');
    expect(box.checked).toBe(true);
    expect(box.closest('label')!.textContent).toContain('Watching');
    fireEvent.click(box);
    expect(set).toHaveBeenLastCalledWith(false);
    await waitFor(() => expect(box.closest('label')!.textContent).toContain('Paused'));
    fireEvent.click(box);
    expect(set).toHaveBeenLastCalledWith(true);
  });
});
