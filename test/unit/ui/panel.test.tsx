// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STACK_PREF } from '../../../src/ui/stacks';
import { byRule, findings, tabId } from './fixtures';
import { planText } from './plan-text';
import { renderPanel } from './harness';
import { causeWords } from '../../../src/ui/format';
import { KEYS } from '../../../src/ui/Panel';
import { renderSnippet } from '../../../src/core/fix/stacks/index';

afterEach(cleanup);

const rows = () => screen.queryAllByTestId('finding-row');
const list = () => screen.getByRole('listbox');
const detail = () => screen.getByTestId('detail');

async function loaded(opts?: Parameters<typeof renderPanel>[0]) {
  const h = renderPanel(opts);
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  return h;
}

function selectByFilter(text: string) {
  fireEvent.input(screen.getByTestId('filter'), { target: { value: text } });
  expect(rows()).toHaveLength(1);
  fireEvent.mouseDown(rows()[0]!);
}

describe('the panel list', () => {
  it('shows one row per failing request, newest first, with method, host + path, stage, cause, status, credentials and time', async () => {
    const { store } = await loaded();
    const errors = findings()
      .filter((f) => f.severity === 'error')
      .sort((a, b) => b.time - a.time);
    expect(list().getAttribute('aria-label')).toBe('Blocked credentialed requests');
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe(String(errors.length));
    const first = rows()[0]!.textContent;
    const u = new URL(errors[0]!.url);
    for (const part of [errors[0]!.method, u.host, u.pathname, causeWords(errors[0]!).text, String(errors[0]!.status)]) expect(first).toContain(part);
    expect(first).toMatch(/credentials: 'include'|withCredentials/);
    expect(first).toMatch(/\d\d:\d\d:\d\d\.\d{3}/);
    expect(store.rows.value.map((r) => r.finding.id)).toEqual(errors.map((f) => f.id));
  });

  it('ties a preflight failure to its actual request', async () => {
    await loaded();
    const f = byRule('method-not-allowed', 'preflight');
    selectByFilter(new URL(f.url).pathname);
    const stage = within(rows()[0]!).getByTestId('row-stage');
    expect(stage.textContent).toBe('↳ preflight');
    expect(stage.getAttribute('title')).toBe(`The OPTIONS preflight of this ${f.method} failed, so the ${f.method} itself was never sent`);
    expect(screen.getByTestId('preflight-tie').textContent).toContain(`OPTIONS preflight for this ${f.method} failed`);
  });

  it('groups same endpoint + same cause with a count, and toggles to flat', async () => {
    const base = byRule('allow-credentials', 'response');
    // Two more runs of one recorded finding (new ids, later, another ?run=) make a group of three.
    // Newer than every recorded finding, so the group leads the (windowed) list.
    const latest = Math.max(...findings().map((f) => f.time));
    const again = [1, 2].map((n) => ({ ...base, id: `${base.id}-${n}`, time: latest + n, url: base.url.replace(/\?run=.*/, `?run=x${n}`) }));
    const all = [...findings(), ...again];
    const errors = all.filter((f) => f.severity === 'error').length;
    await loaded({ findings: all });
    const group = rows().filter((r) => r.textContent.includes('×'));
    expect(group).toHaveLength(1);
    expect(group[0]!.textContent).toContain('×3');
    expect(group[0]!.querySelector('.c-url')!.getAttribute('title')).toContain('?run=x2'); // led by its newest
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe(String(errors - 2));
    fireEvent.click(screen.getByTestId('group-toggle'));
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe(String(errors));
    expect(rows().some((r) => r.textContent.includes('×'))).toBe(false);
  });

  it('marks a blocked request that carried no credentials', async () => {
    const f = { ...byRule('allow-origin-mismatch', 'response'), credentials: 'omit' as const, credentialed: false };
    await loaded({ findings: [f] });
    expect(rows()[0]!.querySelector('.c-cred')!.textContent).toBe("credentials: 'omit' · no credentials");
  });

  it('shows warnings apart from failures', async () => {
    await loaded();
    const warnings = findings().filter((f) => f.severity === 'warning');
    expect(rows().some((r) => r.classList.contains('warning'))).toBe(false);
    fireEvent.click(screen.getByTestId('view-warnings'));
    expect(rows()).toHaveLength(warnings.length);
    expect(rows()[0]!.textContent).toContain(warnings[0]!.cause);
    expect(screen.getByRole('listbox').getAttribute('aria-label')).toBe('Warnings');
  });

  it('filters by text (URL, header, cause) and by cause, and says when nothing matches', async () => {
    const { store } = await loaded();
    fireEvent.input(screen.getByTestId('filter'), { target: { value: 'access-control-allow-methods' } });
    expect(rows().length).toBeGreaterThan(0);
    expect(store.rows.value.every((r) => /access-control-allow-methods/i.test(`${r.finding.header} ${r.finding.message}`))).toBe(true);
    fireEvent.input(screen.getByTestId('filter'), { target: { value: '' } });
    const cause = store.causes.value.find((c) => c.count > 1)!;
    fireEvent.change(screen.getByTestId('cause-filter'), { target: { value: cause.cause } });
    expect(rows()).toHaveLength(cause.count);
    fireEvent.input(screen.getByTestId('filter'), { target: { value: 'no such thing anywhere' } });
    expect(screen.getByTestId('empty-state').textContent).toContain('No failures match the filter');
    fireEvent.click(within(screen.getByTestId('empty-state')).getByRole('button', { name: 'Clear filter' }));
    expect(rows().length).toBeGreaterThan(cause.count);
  });

  it('windows 10,000 findings: only the visible rows are in the DOM', async () => {
    const base = findings();
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...base[i % base.length]!, id: `m${i}`, time: i, url: `${base[i % base.length]!.url}&n=${i}` }));
    const { store } = await loaded({ findings: many });
    fireEvent.click(screen.getByTestId('group-toggle'));
    expect(store.rows.value.length).toBeGreaterThan(9000);
    expect(rows().length).toBeLessThan(80);
    fireEvent.keyDown(list(), { key: 'End' });
    await waitFor(() => expect(rows().some((r) => r.getAttribute('aria-selected') === 'true')).toBe(true));
    expect(rows().at(-1)!.getAttribute('aria-posinset')).toBe(String(store.rows.value.length));
  });

  it('shows the empty state with what is watched and how to see a failure', async () => {
    renderPanel({ findings: [] });
    const empty = await screen.findByTestId('empty-state');
    await waitFor(() => expect(empty.textContent).not.toContain('Connecting'));
    expect(empty.textContent).toContain('No blocked credentialed requests on this tab');
    expect(empty.textContent).toMatch(/cross-origin fetch\(\) and XMLHttpRequest that carries credentials/);
    // An installed user has no repository: the empty state says what to do in the page itself.
    expect(empty.textContent).not.toContain('npm start');
    expect(empty.textContent).toContain('reload it');
  });
});

describe('host access', () => {
  it('a helper whose browser calls throw at once (no permissions API) hides the banner and the panel still subscribes', async () => {
    const fail = () => {
      throw new TypeError('can\'t access property "contains", permissions is undefined');
    };
    await loaded({ access: { granted: fail, request: fail, onChange: fail } });
    expect(screen.queryByTestId('access-banner')).toBeNull();
  });
});

describe('the toolbar', () => {
  it('clears, sets preserve log and exports redacted JSON and Markdown', async () => {
    const { sent, download, store } = await loaded();
    fireEvent.click(screen.getByTestId('preserve-log'));
    await waitFor(() => expect(sent).toContainEqual({ type: 'preserve-log', tabId, on: true }));
    fireEvent.click(screen.getByTestId('export-json'));
    fireEvent.click(screen.getByTestId('export-markdown'));
    // The exports' code loads on the first export (src/ui/lazy.ts).
    await waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    const [[jsonName, json, jsonType], [mdName, md, mdType]] = download.mock.calls as unknown as [[string, string, string], [string, string, string]];
    expect(jsonName).toMatch(/^cors-findings-.*\.json$/);
    expect(jsonType).toBe('application/json');
    expect(JSON.parse(json).findings).toHaveLength(store.findings.value.length);
    expect(mdName).toMatch(/\.md$/);
    expect(mdType).toBe('text/markdown');
    expect(md).toContain('# CORS Credentials Inspector report');
    fireEvent.click(screen.getByTestId('clear'));
    await waitFor(() => expect(sent).toContainEqual({ type: 'clear', tabId }));
    expect(rows()).toHaveLength(0);
  });

  it('follows the worker: additions arrive live, cleared empties the list', async () => {
    const all = findings()
      .filter((f) => f.severity === 'error')
      .sort((a, b) => a.time - b.time);
    const h = await loaded({ findings: all.slice(0, 3) });
    expect(rows()).toHaveLength(3);
    const newest = all.at(-1)!;
    h.worker.post({ type: 'added', tabId, findings: [newest], dropped: 0 });
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rows()[0]!.textContent).toContain(causeWords(newest).text);
    h.worker.post({ type: 'cleared', tabId });
    await waitFor(() => expect(rows()).toHaveLength(0));
  });
});

describe('the detail pane', () => {
  it('shows the exact console sentence, the explanation and the fix for the stage', async () => {
    await loaded();
    const f = byRule('allow-origin-mismatch', 'preflight');
    selectByFilter(new URL(f.url).pathname);
    expect(screen.getByTestId('console-message').textContent).toBe(f.message);
    // One paragraph per part: what happened, what credentials demand, the preflight, the redirect;
    // all but the first behind "More".
    expect(screen.getAllByTestId('explanation-paragraph').map((p) => p.textContent)).toEqual(f.explanation.split('\n\n'));
    expect(screen.getAllByTestId('explanation-paragraph')[0]!.closest('details')).toBeNull();
    expect(screen.getAllByTestId('explanation-paragraph')[1]!.closest('details')).not.toBeNull();
    // A preflight failure is cured on the OPTIONS response AND on the actual response: one sentence
    // each, first in the detail, before the browser's words.
    expect(f.fix.steps.map((s) => s.stage)).toEqual(['preflight', 'response']);
    expect(screen.getAllByTestId('action-sentence').map((p) => p.textContent)).toEqual([
      `On the OPTIONS response: send these ${f.fix.steps[0]!.headers.length} headers.`,
      `On the ${f.method} response: send these ${f.fix.steps[1]!.headers.length} headers.`,
    ]);
    const order = [...detail().querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid'));
    expect(order.indexOf('action')).toBeLessThan(order.indexOf('fix-text'));
    expect(order.indexOf('fix-text')).toBeLessThan(order.indexOf('console-message'));
    expect(order.indexOf('console-message')).toBeLessThan(order.indexOf('explanation'));
    expect(screen.getByTestId('fix-text').textContent).toBe(
      ['On the preflight (OPTIONS) response:', ...f.fix.steps[0]!.headers, '', 'On the actual response:', ...f.fix.steps[1]!.headers].join('\n'),
    );
  });

  it('marks the offending header, or its absence, on the right response', async () => {
    await loaded();
    const wildcard = byRule('wildcard-origin', 'response');
    selectByFilter(new URL(wildcard.url).pathname);
    const bad = screen.getAllByTestId('offending-header');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.textContent).toMatch(/^Access-Control-Allow-Origin: \*/i);
    expect(bad[0]!.closest('section')!.getAttribute('aria-label')).toBe('Response');

    const missing = byRule('missing-allow-origin', 'preflight');
    selectByFilter(new URL(missing.url).pathname);
    const absent = screen.getByTestId('offending-header');
    expect(absent.textContent).toContain('access-control-allow-origin: (not sent: this is the cause)');
    expect(absent.closest('section')!.getAttribute('aria-label')).toBe('Preflight response (OPTIONS)');
  });

  it('masks Cookie, Authorization and Set-Cookie values', async () => {
    // Secret values added to a recorded finding (the worker already redacts; the panel must too).
    const f = byRule('allow-credentials', 'response');
    f.record.requestHeaders.push({ name: 'Cookie', value: 'sid=s3cr3t' }, { name: 'Authorization', value: 'Bearer tok3n' });
    f.record.hops[0]!.response!.headers.push({ name: 'Set-Cookie', value: 'sid=n3w; HttpOnly' });
    await loaded({ findings: [f] });
    fireEvent.mouseDown(rows()[0]!);
    expect(detail().textContent).not.toMatch(/s3cr3t|tok3n|n3w/);
    expect(detail().textContent).toContain('Cookie: •••• (hidden)');
    expect(detail().textContent).toContain('Authorization: •••• (hidden)');
    expect(detail().textContent).toContain('Set-Cookie: •••• (hidden)');
  });

  it('switches the fix to a stack snippet and remembers the stack', async () => {
    const { prefs } = await loaded();
    const f = byRule('missing-allow-origin', 'response');
    selectByFilter(new URL(f.url).pathname);
    fireEvent.change(screen.getByTestId('stack-select'), { target: { value: 'fastapi' } });
    // The snippet renderers load when a stack is first shown (src/ui/lazy.ts).
    await waitFor(() => expect(screen.getByTestId('fix-text').textContent).toBe(renderSnippet(f.fix.spec, 'fastapi')));
    expect(prefs.data.get(STACK_PREF)).toBe('fastapi');
    cleanup();
    await loaded({ prefs: { [STACK_PREF]: 'caddy' } });
    selectByFilter(new URL(f.url).pathname);
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>('stack-select').value).toBe('caddy'));
    await waitFor(() => expect(screen.getByTestId('fix-text').textContent).toBe(renderSnippet(f.fix.spec, 'caddy')));
  });

  it('copies the fix and says "Copied"; copies Markdown, redacted', async () => {
    const h = await loaded();
    const f = byRule('wildcard-origin', 'preflight');
    selectByFilter(new URL(f.url).pathname);
    fireEvent.click(screen.getByTestId('copy-fix'));
    await waitFor(() => expect(screen.getAllByTestId('copy-status').some((s) => s.textContent === 'Copied')).toBe(true));
    expect(h.copied).toEqual([planText(f)]);
    fireEvent.click(screen.getByTestId('copy-markdown'));
    await waitFor(() => expect(h.copied).toHaveLength(2));
    expect(h.copied[1]).toContain(f.message);
    expect(h.copied[1]).toContain(f.fix.steps[0]!.headers[0]!);
  });

  it('asks for Ctrl+C and selects the fix when copying fails', async () => {
    await loaded({ copy: vi.fn(async () => false) });
    const f = byRule('allow-credentials', 'preflight');
    selectByFilter(new URL(f.url).pathname);
    fireEvent.click(screen.getByTestId('copy-fix'));
    await waitFor(() => expect(screen.getAllByTestId('copy-status').some((s) => /press Ctrl\+C/.test(s.textContent))).toBe(true));
    expect(document.getSelection()!.toString()).toBe(planText(f));
  });

  it('renders hostile header values as inert, visible text', async () => {
    // Hostile values derived from a recorded finding by editing its response headers.
    const f = byRule('allow-origin-mismatch', 'response');
    const headers = f.record.hops[0]!.response!.headers;
    headers.push(
      { name: 'X-Html', value: '<img src=x onerror=alert(1)>' },
      { name: 'X-Bidi', value: 'abc\u202Edef' },
      { name: 'X-Big', value: 'A'.repeat(64 * 1024) },
    );
    // A latin-1 byte that is not UTF-8 arrives as U+DCE9 (src/core/bytes.ts), a DEL as itself.
    headers.push({ name: 'X-Bytes', value: 'caf\udce9\u007f' });
    f.cause = '<b>bold</b> \u202Eevil';
    await loaded({ findings: [f] });
    expect(rows()[0]!.querySelector('b')).toBeNull();
    expect(rows()[0]!.textContent).toContain('<b>bold</b> ⟨U+202E⟩evil');
    fireEvent.mouseDown(rows()[0]!);
    const line = (name: string) => screen.getAllByRole('listitem').find((l) => l.textContent.startsWith(name))!;
    expect(detail().querySelector('img')).toBeNull();
    expect(line('X-Html').textContent).toContain('<img src=x onerror=alert(1)>');
    expect(line('X-Bidi').textContent).toContain('abc⟨U+202E⟩def');
    expect(line('X-Bidi').textContent).not.toContain('\u202E');
    expect(line('X-Bidi').querySelector('bdi')).not.toBeNull();
    expect(line('X-Bytes').textContent).toContain('caf⟨0xE9⟩⟨U+007F⟩');
    expect(line('X-Big').textContent.length).toBeLessThan(3000);
    fireEvent.click(within(line('X-Big')).getByRole('button', { name: /show all \(64 KB\)/ }));
    expect(line('X-Big').textContent.length).toBeGreaterThan(64 * 1024);
  });
});

describe('the keyboard', () => {
  it('moves with ↑/↓, opens with Enter, copies with c, closes with Esc', async () => {
    const h = await loaded();
    list().focus();
    fireEvent.keyDown(list(), { key: 'Enter' });
    expect(h.store.selected.value).toBe(h.store.rows.value[0]);
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    expect(h.store.selected.value).toBe(h.store.rows.value[2]);
    expect(list().getAttribute('aria-activedescendant')).toBe('row-2');
    expect(rows()[2]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(list(), { key: 'ArrowUp' });
    expect(h.store.selected.value).toBe(h.store.rows.value[1]);
    await act(async () => {
      fireEvent.keyDown(list(), { key: 'c' });
    });
    expect(h.copied).toEqual([planText(h.store.rows.value[1]!.finding)]);
    // Esc closes the detail and keeps the place: the next Enter opens the same row, ↓ goes on from it.
    fireEvent.keyDown(list(), { key: 'Escape' });
    expect(screen.queryByTestId('detail')).toBeNull();
    expect(h.store.selected.value).toBe(h.store.rows.value[1]);
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    expect(h.store.selected.value).toBe(h.store.rows.value[2]);
    expect(screen.queryByTestId('detail')).toBeNull();
    fireEvent.keyDown(list(), { key: 'Enter' });
    expect(screen.getByTestId('detail')).toBeTruthy();
    expect(h.store.selected.value).toBe(h.store.rows.value[2]);
  });

  it('moves focus into the detail with → and back to the list with ←', async () => {
    await loaded();
    list().focus();
    fireEvent.keyDown(list(), { key: 'Enter' });
    fireEvent.keyDown(list(), { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('detail-body')));
    fireEvent.keyDown(screen.getByTestId('detail-body'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(list());
    expect(screen.getByTestId('detail')).toBeTruthy();
    // Esc from inside the detail closes it and puts focus on the list.
    fireEvent.keyDown(list(), { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('detail-body')));
    fireEvent.keyDown(screen.getByTestId('detail-body'), { key: 'Escape' });
    expect(screen.queryByTestId('detail')).toBeNull();
    expect(document.activeElement).toBe(list());
  });

  it('names every key in the hint, Ctrl+F included', async () => {
    await loaded();
    const hint = screen.getByTestId('key-hint').textContent;
    for (const [k, what] of KEYS) expect(hint).toContain(`${k} ${what}`);
    expect(hint).toContain('Ctrl+F');
    fireEvent.keyDown(list(), { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('filter'));
  });

  it('has accessible names for the controls', async () => {
    await loaded();
    for (const name of ['Clear', 'Filter by URL, header or cause', 'Cause']) expect(screen.getByLabelText(name)).toBeTruthy();
    expect(screen.getByRole('toolbar', { name: 'CORS findings toolbar' })).toBeTruthy();
    fireEvent.mouseDown(rows()[0]!);
    expect(screen.getByRole('region', { name: 'Finding details' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close details (Esc)' })).toBeTruthy();
    expect(screen.getByLabelText('Server stack')).toBeTruthy();
  });
});
