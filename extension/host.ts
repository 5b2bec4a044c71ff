// What the panel and the popup need from the extension, in one place: the port (the panel's one
// transport, for its subscription and its commands), the host access, the remembered stack choice
// the pause switch and where the toolbar button is. Every call goes through platform.ts.
import type { HostAccess } from '../src/ui/AccessBanner';
import type { Prefs } from '../src/ui/stacks';
import type { TryFixSend } from '../src/ui/TrialBox';
import { portChannel, PORT_NAME } from './panel/port-channel';
import { ext, isFirefox } from './platform';

export const openChannel = () => portChannel(() => ext.runtime.connect({ name: PORT_NAME }));

/**
 * Firefox lets the user withhold MV3 host permissions (MDN host_permissions); the pages offer the
 * grant. Firefox gives DevTools documents only the content scripts' API set plus `devtools` (MDN
 * "Extend the developer tools"), so its DevTools panel has no `permissions`: no banner there (the
 * popup, and the panel opened as a page, still offer the grant).
 */
const ALL_SITES = { origins: ['<all_urls>'] };
export const hostAccess: HostAccess | undefined = (ext.permissions as typeof ext.permissions | undefined) && {
  granted: () => ext.permissions.contains(ALL_SITES),
  request: () => ext.permissions.request(ALL_SITES),
  // The grant can change behind the page's back (about:addons, the toolbar's site access menu) or
  // from its own banner: permissions.onAdded / onRemoved say when (MDN permissions.onAdded).
  onChange(fn) {
    const changed = () => fn();
    ext.permissions.onAdded.addListener(changed);
    ext.permissions.onRemoved.addListener(changed);
    return () => {
      ext.permissions.onAdded.removeListener(changed);
      ext.permissions.onRemoved.removeListener(changed);
    };
  },
};

export const storagePrefs: Prefs = {
  get: async (key) => (await ext.storage.local.get(key))[key],
  set: (key, value) => void ext.storage.local.set({ [key]: value }).catch(() => {}),
};

/** The pause switch lives in storage.local (`paused`); the worker and the page scripts follow its changes. */
const PAUSED = 'paused';
export async function watchingSwitch(): Promise<{ on: boolean; set(on: boolean): void }> {
  const stored: Record<string, unknown> = await ext.storage.local.get(PAUSED).catch(() => ({}));
  return { on: stored[PAUSED] !== true, set: (on) => void ext.storage.local.set({ [PAUSED]: !on }).catch(() => {}) };
}

/** "Try fix": the `cors/try-fix` message to the worker (docs/message-api.md). */
export const tryFix: TryFixSend = (msg) => ext.runtime.sendMessage(msg);

/**
 * Whether the toolbar button is pinned (action.getUserSettings, Chrome 91+, Firefox 118+; MDN
 * action.getUserSettings), and which browser's words say how to pin it. Unknown: not pinned.
 */
export async function toolbarPin(): Promise<{ pinned: boolean; firefox: boolean }> {
  const action = ext.action as typeof ext.action & { getUserSettings?: () => Promise<{ isOnToolbar?: boolean }> };
  const settings = await action.getUserSettings?.().catch(() => undefined);
  return { pinned: settings?.isOnToolbar === true, firefox: isFirefox };
}
