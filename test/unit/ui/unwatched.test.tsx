// @vitest-environment happy-dom
// Requests the page made before the extension was listening: the panel says how many, that they
// were not checked and what to do, names them as text (a URL is a network value), and the line
// leaves with the next snapshot that has none or a clear.
import { act, cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { renderPanel } from './harness';
import { findings, tabId } from './fixtures';

afterEach(cleanup);

const hostile = 'http://api.test/<img src=x onerror=alert(1)>';

it('shows the unwatched line from the snapshot, names each request as text, and drops it on clear', async () => {
  const h = renderPanel();
  await waitFor(() => expect(screen.queryAllByTestId('finding-row').length).toBeGreaterThan(0));
  expect(screen.queryByTestId('unwatched')).toBeNull();
  const unwatched = {
    count: 12,
    requests: [
      { method: 'PUT', url: 'http://api.test/a' },
      { method: 'GET', url: hostile },
    ],
  };
  void act(() => h.worker.post({ type: 'snapshot', tabId, findings: findings(), dropped: 0, preserveLog: false, unwatched }));
  await waitFor(() =>
    expect(screen.getByTestId('unwatched').querySelector('summary')!.textContent).toBe(
      '12 requests were made before the extension was listening (it was starting): not checked. Reload the page to check them.',
    ),
  );
  expect(screen.getAllByTestId('unwatched-request').map((li) => li.textContent)).toEqual(['PUT http://api.test/a', `GET ${hostile}`]);
  expect(screen.getByTestId('unwatched').querySelector('img')).toBeNull();
  expect(screen.getByTestId('unwatched').textContent).toContain('and 10 more');
  void act(() => h.worker.post({ type: 'cleared', tabId }));
  await waitFor(() => expect(screen.queryByTestId('unwatched')).toBeNull());
});

it('says "1 request … it" for one', async () => {
  const h = renderPanel();
  await waitFor(() => expect(screen.queryAllByTestId('finding-row').length).toBeGreaterThan(0));
  void act(() =>
    h.worker.post({
      type: 'snapshot',
      tabId,
      findings: findings(),
      dropped: 0,
      preserveLog: false,
      unwatched: { count: 1, requests: [{ method: 'GET', url: 'http://api.test/a' }] },
    }),
  );
  await waitFor(() => expect(screen.getByTestId('unwatched').querySelector('summary')!.textContent).toMatch(/^1 request was made .* check it\.$/));
});
