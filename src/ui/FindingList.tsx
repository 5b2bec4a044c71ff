// The list, windowed: fixed-height rows, only the visible ones (plus a margin) are in the DOM, so
// 10,000 findings cost what 50 do. A listbox with aria-activedescendant keeps focus on the list
// while ↑/↓ move the selection.
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { FindingRow, ROW_HEIGHT } from './FindingRow';

const OVERSCAN = 10;
/** Used until the list is measured (and in DOM-less test environments that measure 0). */
const FALLBACK_HEIGHT = 600;

/** The list's height, followed as the dock is resized. */
function useMeasuredHeight(ref: RefObject<HTMLDivElement | null>, setHeight: (h: number) => void): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (el.clientHeight > 0) setHeight(el.clientHeight);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
}

/** Keeps the selected row in view when the keyboard moves it. */
function useSelectedInView(ref: RefObject<HTMLDivElement | null>, selectedIndex: number, height: number, setScrollTop: (top: number) => void): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    const view = el.clientHeight || height;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + view) el.scrollTop = top + ROW_HEIGHT - view;
    setScrollTop(el.scrollTop);
  }, [selectedIndex]);
}

export function FindingList({ store, onKeyDown, label }: { store: PanelStore; onKeyDown(e: KeyboardEvent): void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const rows = store.rows.value;
  const selectedKey = store.selectedKey.value;
  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => r.key === selectedKey);

  useMeasuredHeight(ref, setHeight);
  useSelectedInView(ref, selectedIndex, height, setScrollTop);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
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
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
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
