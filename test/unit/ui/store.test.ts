import { describe, expect, it } from 'vitest';
import { applyMessage, createPanelStore, groupKey, moveSelection, setGrouped } from '../../../src/ui/store';
import { findings, snapshot, tabId } from './fixtures';

function loaded() {
  const store = createPanelStore({ tabId });
  applyMessage(store, { type: 'snapshot', tabId, findings: findings(), dropped: 0, preserveLog: false });
  return store;
}

describe('panel store', () => {
  it('replaces state with a snapshot and keeps the list newest first', () => {
    const store = loaded();
    const times = store.findings.value.map((f) => f.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(store.findings.value).toHaveLength(snapshot.findings.length);
    expect(store.loaded.value).toBe(true);
  });

  it("at the worker's cap, takes out as many of its oldest findings as the worker removed", () => {
    const store = loaded();
    const before = store.findings.value;
    const newer = { ...before[0]!, id: 'newest', time: before[0]!.time + 1 };
    applyMessage(store, { type: 'added', tabId, findings: [newer], dropped: 3, removed: 3 });
    expect(store.findings.value.map((f) => f.id)).toEqual(['newest', ...before.slice(0, -3).map((f) => f.id)]);
    expect(store.dropped.value).toBe(3);
    applyMessage(store, { type: 'added', tabId, findings: [], dropped: 5, removed: 2 });
    expect(store.findings.value).toHaveLength(before.length - 4);
  });

  it('keeps warnings apart from failures', () => {
    const store = loaded();
    expect(store.errors.value.every((f) => f.severity === 'error')).toBe(true);
    expect(store.warnings.value.length).toBeGreaterThan(0);
    expect(store.rows.value.some((r) => r.finding.severity !== 'error')).toBe(false);
    store.view.value = 'warnings';
    expect(store.rows.value.every((r) => r.finding.severity === 'warning')).toBe(true);
  });

  it('groups same endpoint + same cause with a count, and flattens on demand', () => {
    const store = loaded();
    // The recorded run calls each endpoint once; a second and third run of one recorded finding
    // (new id, later time, another ?run= query, as the lab makes them) give a group of three.
    const base = store.errors.value[5]!;
    const rerun = (n: number) => ({ ...base, id: `${base.id}-again-${n}`, time: base.time + 60_000 * n, url: base.url.replace(/\?run=.*/, `?run=again-${n}`) });
    applyMessage(store, { type: 'added', tabId, findings: [rerun(1), rerun(2)], dropped: 0 });
    const errors = store.errors.value;
    const keys = new Set(errors.map(groupKey));
    expect(keys.size).toBe(errors.length - 2);
    expect(store.rows.value).toHaveLength(keys.size);
    expect(store.rows.value.reduce((n, r) => n + r.count, 0)).toBe(errors.length);
    const group = store.rows.value.find((r) => r.count === 3)!;
    expect(group.finding.id).toBe(`${base.id}-again-2`); // led by its newest
    store.grouped.value = false;
    expect(store.rows.value).toHaveLength(errors.length);
  });

  it('filters by URL, header and cause text, and by cause', () => {
    const store = loaded();
    store.grouped.value = false;
    store.filterText.value = 'ACAO is * with';
    expect(store.rows.value.length).toBeGreaterThan(0);
    expect(store.rows.value.every((r) => r.finding.cause.includes('ACAO is * with'))).toBe(true);
    store.filterText.value = '/s/acam-lower-case/';
    expect(store.rows.value.map((r) => r.finding.url)).toEqual([expect.stringContaining('/s/acam-lower-case/')]);
    store.filterText.value = 'access-control-allow-headers';
    expect(
      store.rows.value.every(
        (r) => r.finding.header === 'access-control-allow-headers' || r.finding.message.toLowerCase().includes('access-control-allow-headers'),
      ),
    ).toBe(true);
    store.filterText.value = '';
    const { cause, count } = store.causes.value[0]!;
    store.causeFilter.value = cause;
    expect(store.rows.value).toHaveLength(count);
    expect(store.rows.value.every((r) => r.finding.cause === cause)).toBe(true);
  });

  it('adds findings ahead of older ones, ignores duplicates and other tabs, and clears', () => {
    const all = findings().sort((a, b) => a.time - b.time);
    const store = createPanelStore({ tabId });
    applyMessage(store, { type: 'snapshot', tabId, findings: all.slice(0, 5), dropped: 0, preserveLog: true });
    applyMessage(store, { type: 'added', tabId, findings: all.slice(4, 8), dropped: 2 });
    expect(store.findings.value.map((f) => f.id)).toEqual(
      all
        .slice(0, 8)
        .reverse()
        .map((f) => f.id),
    );
    expect(store.dropped.value).toBe(2);
    applyMessage(store, { type: 'added', tabId: tabId + 1, findings: all.slice(8), dropped: 0 });
    expect(store.findings.value).toHaveLength(8);
    store.selectedKey.value = store.rows.value[0]!.key;
    applyMessage(store, { type: 'cleared', tabId });
    expect(store.findings.value).toEqual([]);
    expect(store.selectedKey.value).toBeNull();
  });

  it('moves the selection within the rows and keeps it across grouped/flat', () => {
    const store = loaded();
    moveSelection(store, 1);
    expect(store.selected.value).toBe(store.rows.value[0]);
    moveSelection(store, 3);
    expect(store.selected.value).toBe(store.rows.value[3]);
    moveSelection(store, -100);
    expect(store.selected.value).toBe(store.rows.value[0]);
    moveSelection(store, 1e6);
    expect(store.selected.value).toBe(store.rows.value.at(-1));
    const f = store.selected.value!.finding;
    setGrouped(store, false);
    expect(store.selected.value!.finding.id).toBe(f.id);
    setGrouped(store, true);
    expect(store.selected.value!.finding.id).toBe(f.id);
  });
});
