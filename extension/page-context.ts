// Which tab and which theme, for the panel and the popup alike. `?tabId=` and `?theme=` win (the
// pages opened as plain extension pages by tests and screenshots); otherwise the panel follows
// DevTools (its inspected tab, its theme) and the popup the browser (the active tab, the system's
// color scheme).
import { devtools, ext } from './platform';

export type Theme = 'light' | 'dark';

const query = () => new URLSearchParams(location.search);
const DARK = '(prefers-color-scheme: dark)';

async function pageTabId(): Promise<number | undefined> {
  const q = query().get('tabId');
  if (q !== null && /^\d+$/.test(q)) return Number(q);
  if (devtools) return devtools.inspectedWindow.tabId;
  // A page in a tab of its own inspects nothing unless told which tab; the popup has no tab.
  if (await ext.tabs.getCurrent()) return undefined;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function pageTheme(): Theme {
  const q = query().get('theme');
  if (q === 'dark' || q === 'light') return q;
  if (devtools) return devtools.panels.themeName === 'dark' ? 'dark' : 'light';
  return matchMedia(DARK).matches ? 'dark' : 'light';
}

/** Calls `fn` with the new theme when DevTools' theme or the system's scheme changes; `?theme=` pins it. */
function onThemeChange(fn: (theme: Theme) => void): void {
  if (query().has('theme')) return;
  const panels: (typeof chrome.devtools.panels & { onThemeChanged?: chrome.events.Event<(name: string) => void> }) | undefined = devtools?.panels;
  const name = (t: string): Theme => (t === 'dark' ? 'dark' : 'light');
  // Chrome 99+: setThemeChangeHandler; Firefox: devtools.panels.onThemeChanged (MDN).
  if (panels?.setThemeChangeHandler) panels.setThemeChangeHandler((t) => fn(name(t)));
  else if (panels?.onThemeChanged) panels.onThemeChanged.addListener((t) => fn(name(t)));
  else if (!panels) matchMedia(DARK).addEventListener('change', () => fn(pageTheme()));
}

/**
 * Shows the page for its tab in the current theme, and again whenever the theme changes; without a
 * tab, says `noTab` instead.
 */
export async function showForTab(app: HTMLElement, noTab: string, show: (tabId: number, theme: Theme) => void): Promise<void> {
  const tabId = await pageTabId();
  if (tabId === undefined) {
    app.textContent = noTab;
    return;
  }
  const paint = (theme: Theme) => {
    document.documentElement.dataset.theme = theme;
    show(tabId, theme);
  };
  paint(pageTheme());
  onThemeChange(paint);
}
