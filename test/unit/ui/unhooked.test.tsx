// @vitest-environment happy-dom
// A tab whose open document could not be given the page hook: the panel says, in one line, what
// that means and what to do, instead of guessing credentials modes; a later snapshot without the
// mark (the page was reloaded) takes the line away.
import { act, cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { renderPanel } from './harness';
import { findings, tabId } from './fixtures';

afterEach(cleanup);

it('shows the unhooked line from the snapshot, and drops it when a new snapshot says otherwise', async () => {
  const h = renderPanel();
  await waitFor(() => expect(screen.queryAllByTestId('finding-row').length).toBeGreaterThan(0));
  expect(screen.queryByTestId('unhooked')).toBeNull();
  void act(() => h.worker.post({ type: 'snapshot', tabId, findings: findings(), dropped: 0, preserveLog: false, unhooked: true }));
  await waitFor(() => expect(screen.getByTestId('unhooked').textContent).toBe('Credentials mode unknown on requests without cookies: reload the page.'));
  void act(() => h.worker.post({ type: 'snapshot', tabId, findings: findings(), dropped: 0, preserveLog: false }));
  await waitFor(() => expect(screen.queryByTestId('unhooked')).toBeNull());
});
