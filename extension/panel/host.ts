// What the panel and the popup need from the extension, in one place: the port, the commands,
// the remembered stack choice, the theme.
import type { HostAccess } from '../../src/ui/AccessBanner';
import type { Prefs } from '../../src/ui/stacks';
import { portChannel, PORT_NAME } from './port-channel';

export const openChannel = () => portChannel(() => chrome.runtime.connect({ name: PORT_NAME }));

/** Firefox lets the user withhold MV3 host permissions (MDN host_permissions); the pages offer the grant. */
const ALL_SITES = { origins: ['<all_urls>'] };
export const hostAccess: HostAccess = {
  granted: () => chrome.permissions.contains(ALL_SITES),
  request: () => chrome.permissions.request(ALL_SITES),
};

export const storagePrefs: Prefs = {
  get: async (key) => (await chrome.storage.local.get(key))[key],
  set: (key, value) => void chrome.storage.local.set({ [key]: value }).catch(() => {}),
};

export const clearTab = (tabId: number) => void chrome.runtime.sendMessage({ type: 'cors/clear', tabId }).catch(() => {});
export const preserveLog = (tabId: number, on: boolean) => void chrome.runtime.sendMessage({ type: 'cors/preserve-log', tabId, on }).catch(() => {});

/** `?tabId=` when opened as a plain extension page (tests, screenshots); DevTools' tab otherwise. */
export function tabIdFromPage(): number | undefined {
  const q = new URLSearchParams(location.search).get('tabId');
  if (q !== null && /^\d+$/.test(q)) return Number(q);
  return chrome.devtools?.inspectedWindow?.tabId;
}

/** DevTools' theme ('dark' or 'default'); `?theme=dark` overrides it for tests. */
export function themeFromPage(): 'light' | 'dark' {
  const q = new URLSearchParams(location.search).get('theme');
  if (q === 'dark' || q === 'light') return q;
  return chrome.devtools?.panels?.themeName === 'dark' ? 'dark' : 'light';
}
