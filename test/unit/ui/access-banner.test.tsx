// @vitest-environment happy-dom
// The host-access banner: shown only when the permission is withheld, and its button asks for it.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AccessBanner, type HostAccess } from '../../../src/ui/AccessBanner';

const access = (granted: boolean, grant = true): HostAccess & { asked: number; changeTo(g: boolean): void; listeners: Set<() => void> } => {
  const a = {
    asked: 0,
    listeners: new Set<() => void>(),
    onChange(fn: () => void) {
      a.listeners.add(fn);
      return () => void a.listeners.delete(fn);
    },
    /** What permissions.onAdded / onRemoved do: the grant changed elsewhere. */
    changeTo(g: boolean) {
      granted = g;
      a.listeners.forEach((fn) => fn());
    },
    granted: vi.fn(async () => granted),
    request: vi.fn(async () => {
      a.asked++;
      granted = grant;
      return grant;
    }),
  };
  return a;
};

afterEach(cleanup);

describe('AccessBanner', () => {
  test('says nothing while the host permission is held', async () => {
    const a = access(true);
    render(<AccessBanner access={a} />);
    await waitFor(() => expect(a.granted).toHaveBeenCalled());
    expect(screen.queryByTestId('access-banner')).toBeNull();
  });

  test('says so when it is withheld, and the button asks for it; granted, the banner goes', async () => {
    const a = access(false);
    render(<AccessBanner access={a} />);
    const button = await screen.findByTestId('access-request');
    expect(screen.getByTestId('access-banner').textContent).toContain('not given this extension access to websites');
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId('access-banner')).toBeNull());
    expect(a.asked).toBe(1);
  });

  test('a refused request keeps the banner', async () => {
    const a = access(false, false);
    render(<AccessBanner access={a} />);
    fireEvent.click(await screen.findByTestId('access-request'));
    await waitFor(() => expect(a.asked).toBe(1));
    expect(screen.getByTestId('access-banner')).toBeTruthy();
  });

  test('a grant or a removal made elsewhere shows at once, and unmounting stops listening', async () => {
    const a = access(true);
    const view = render(<AccessBanner access={a} />);
    await waitFor(() => expect(a.granted).toHaveBeenCalled());
    expect(screen.queryByTestId('access-banner')).toBeNull();
    await act(() => a.changeTo(false));
    await screen.findByTestId('access-banner');
    await act(() => a.changeTo(true));
    await waitFor(() => expect(screen.queryByTestId('access-banner')).toBeNull());
    await act(() => {
      view.unmount();
    });
    expect(a.listeners.size).toBe(0);
  });

  test('no access helper (the playground): no banner', () => {
    render(<AccessBanner access={undefined} />);
    expect(screen.queryByTestId('access-banner')).toBeNull();
  });
});
