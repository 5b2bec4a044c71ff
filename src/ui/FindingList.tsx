// The list, windowed: fixed-height rows, only the visible ones (plus a margin) are in the DOM, so
// 10,000 findings cost what 50 do. A listbox with aria-activedescendant keeps focus on the list
// while ↑/↓ move the selection.
import { useSignal, type Signal } from '@preact/signals';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { PanelStore } from './store';
import { FindingRow, ROW_HEIGHT } from './FindingRow';

const OVERSCAN = 10;
/** Used until the list is measured (and in DOM-less test environments that measure 0). */
const FALLBACK_HEIGHT = 600;

/** The list's height, followed as the dock is resized. */
function useMeasuredHeight(ref: RefObject<HTMLDivElement | null>, height: Signal<number>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (el.clientHeight > 0) height.value = el.clientHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
}

/** Keeps the selected row in view when the keyboard moves it. */
function useSelectedInView(ref: RefObject<HTMLDivElement | null>, selectedIndex: number, height: Signal<number>, scrollTop: Signal<number>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    const view = el.clientHeight || height.value;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + view) el.scrollTop = top + ROW_HEIGHT - view;
    scrollTop.value = el.scrollTop;
  }, [selectedIndex]);
}

export function FindingList({ store, onKeyDown, label }: { store: PanelStore; onKeyDown(e: KeyboardEvent): void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const scrollTop = useSignal(0);
  const height = useSignal(FALLBACK_HEIGHT);
  const rows = store.rows.value;
  const selectedKey = store.selectedKey.value;
  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => r.key === selectedKey);

  useMeasuredHeight(ref, height);
  useSelectedInView(ref, selectedIndex, height, scrollTop);

  const first = Math.max(0, Math.floor(scrollTop.value / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop.value + height.value) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <div
      ref={ref}
      class="list"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={selectedIndex >= first && selectedIndex < last ? `row-${selectedIndex}` : undefined}
      data-testid="finding-list"
      onScroll={(e) => (scrollTop.value = e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="list-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
        {visible.map((row, i) => (
          <FindingRow
            key={row.key}
            row={row}
            index={first + i}
            total={rows.length}
            top={(first + i) * ROW_HEIGHT}
            selected={row.key === selectedKey}
            onSelect={(key) => {
              store.selectedKey.value = key;
              ref.current?.focus();
            }}
          />
        ))}
      </div>
    </div>
  );
}
