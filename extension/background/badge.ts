// The toolbar badge: the tab's number of blocked requests, computed from the store, batched
// (a dirty set and one short setTimeout: a service worker has no requestIdleCallback, MDN).
// Chromium clears per-tab badge values on every cross-document navigation of the tab
// (ExtensionActionRunner::DidFinishNavigation → ClearAllValuesForTab), so main.ts marks the tab
// dirty again after each top-level navigation.

/** The slice of the action API the badge needs. */
export interface BadgeApi {
  /** Without a tabId: the default for every tab (a tab's own value wins over it). */
  setBadgeText(d: { tabId?: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(d: { tabId?: number; color: string }): Promise<void>;
  setBadgeTextColor?(d: { tabId?: number; color: string }): Promise<void>;
  setTitle(d: { tabId?: number; title: string }): Promise<void>;
}

/** What the badge and tooltip say while the pause switch is on. */
export const PAUSED_TEXT = 'off';
export const PAUSED_TITLE = 'CORS Credentials Inspector: paused (not watching any tab). Open the popup to resume.';
export const PAUSED_COLOR = '#5f6368';

/** Google's error red: 4.9:1 against white text, and distinct on light and dark toolbars. */
export const BADGE_COLOR = '#d93025';
export const BADGE_TEXT_COLOR = '#ffffff';

/** While a "Try fix" trial runs on a tab, its badge says so (trials.ts): blue, "try". */
export const TRIAL_TEXT = 'try';
export const TRIAL_COLOR = '#0b57d0';
export const trialTitle = (endpoint: string) => `CORS Credentials Inspector: trying a fix for ${endpoint} (this tab only). Stop it in the CORS panel.`;

export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}

export function badgeTitle(count: number): string {
  const n = Math.max(0, Math.floor(count) || 0);
  return n === 0
    ? 'CORS Credentials Inspector: no blocked cross-origin requests on this tab'
    : `CORS Credentials Inspector: ${n} cross-origin request${n === 1 ? '' : 's'} blocked by CORS on this tab`;
}

// eslint-disable-next-line max-lines-per-function -- one closure over the dirty tabs, the flush timer and what each tab shows now, so a flush that changes nothing calls nothing; its steps are named inner functions
export function createBadge(
  api: BadgeApi,
  count: (tabId: number) => number | Promise<number>,
  opts: { delayMs?: number; onError?: (e: unknown) => void; trial?: (tabId: number) => string | undefined } = {},
) {
  const dirty = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onError = opts.onError ?? (() => {}); // a tab closed meanwhile: nothing to update
  let paused = false;

  /**
   * What each tab shows now, so a flush that changes nothing calls nothing (four browser round
   * trips a tab otherwise, on every batch of findings, during the page's own burst). Chromium clears a tab's values on
   * a cross-document navigation: main.ts calls `repaint` then.
   */
  const shown = new Map<number, string>();

  async function paint(tabId?: number): Promise<void> {
    const n = tabId === undefined ? 0 : await count(tabId);
    const at = tabId === undefined ? {} : { tabId };
    const trying = tabId === undefined ? undefined : opts.trial?.(tabId);
    const look = `${paused} ${n} ${trying ?? ''}`;
    if (tabId !== undefined && shown.get(tabId) === look) return;
    const [text, color, title] =
      trying !== undefined
        ? [TRIAL_TEXT, TRIAL_COLOR, trialTitle(trying)]
        : paused
          ? [PAUSED_TEXT, PAUSED_COLOR, PAUSED_TITLE]
          : [badgeText(n), BADGE_COLOR, badgeTitle(n)];
    await Promise.all([
      api.setBadgeText({ ...at, text }),
      api.setBadgeBackgroundColor({ ...at, color }),
      api.setBadgeTextColor?.({ ...at, color: BADGE_TEXT_COLOR }),
      api.setTitle({ ...at, title }),
    ]);
    if (tabId !== undefined) shown.set(tabId, look);
  }

  function mark(tabId: number): void {
    if (!Number.isInteger(tabId) || tabId < 0) return; // "behind the scene" requests have no tab
    dirty.add(tabId);
    timer ??= setTimeout(() => void flush(), opts.delayMs ?? 50);
  }

  function flush(): Promise<void> {
    timer = undefined;
    const tabs = [...dirty];
    dirty.clear();
    return Promise.all(tabs.map((t) => paint(t).catch(onError))).then(() => {});
  }

  return {
    /** The pause switch: the default badge and every marked tab say so (or stop saying so). */
    setPaused(on: boolean): Promise<void> {
      paused = on;
      return paint(undefined).catch(onError);
    },
    /** The browser cleared the tab's badge (a navigation): paint it again, whatever it showed. */
    repaint(tabId: number): void {
      shown.delete(tabId);
      mark(tabId);
    },
    /** The tab is gone. */
    forget(tabId: number): void {
      shown.delete(tabId);
    },
    mark,
    flush,
  };
}
