/// <reference types="@crxjs/vite-plugin/client" />
// The pause switch (popup → storage.local `paused`), and the page scripts. Paused, every webRequest
// and webNavigation listener is removed (the browser then stops sending those events, and the
// extraHeaders round trips with them), the worker drops every page hint (main.ts), and every page's
// bridge stops forwarding and tells the hook to give the page its natives back: documents already
// open when the switch flips, and new ones as soon as their bridge has read the switch
// (bridge.iife.ts; until then it forwards, so that a hint is not late while the browser starts, and
// the worker drops it). The choice is remembered across restarts.
import hookFile from '../content/page-hook.iife.ts?script';
import bridgeFile from '../content/bridge.iife.ts?script';
import { ext } from '../platform';
import { hookTabs, type OpenTab } from './hook-tabs';

export const PAUSED_KEY = 'paused';

/** An event source with add/removeListener, as the extension API has them. */
interface Source {
  addListener(fn: (...a: never[]) => unknown, ...rest: unknown[]): void;
  removeListener(fn: (...a: never[]) => unknown): void;
}

/** A listener registered at the top level (so a stopped worker wakes for it) that can be removed. */
export interface Switchable {
  on(): void;
  off(): void;
}

export function switchable(source: unknown, fn: (...a: never[]) => unknown, ...rest: unknown[]): Switchable {
  const s = source as Source;
  let active = false;
  const on = () => {
    if (active) return;
    active = true;
    s.addListener(fn, ...rest);
  };
  on();
  return {
    on,
    off() {
      if (!active) return;
      active = false;
      s.removeListener(fn);
    },
  };
}

const SCRIPTS = [
  // The order matters only for cost: the hook first, so the bridge completes the handshake.
  { id: 'cors-page-hook', js: [hookFile], world: 'MAIN' as const },
  { id: 'cors-bridge', js: [bridgeFile], world: 'ISOLATED' as const },
].map((s) => ({ ...s, matches: ['<all_urls>'], runAt: 'document_start' as const, allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true }));

/** The built manifest lists the hook and bridge (vite.config.ts); a dev server's manifest does not. */
const staticScripts = (): boolean => (ext.runtime.getManifest().content_scripts ?? []).some((c) => c.js?.some((f) => f.includes('page-hook')));

/**
 * The built extension's page scripts are static (the manifest's content_scripts, injected before
 * any page script whether or not the worker runs), and the pause switch is honoured by the bridge
 * itself (it reads `paused` and stops) and by the worker (it drops hints while paused). Registrations an older version made with
 * chrome.scripting are removed, or every page would get the hook twice. Only a dev build, whose
 * manifest has no content_scripts, still registers them here (and removes them when paused).
 */
export async function syncContentScripts(paused: boolean): Promise<void> {
  const have = (await ext.scripting.getRegisteredContentScripts()).map((s) => s.id);
  const ours = SCRIPTS.map((s) => s.id);
  if (paused || staticScripts()) {
    const gone = have.filter((id) => ours.includes(id));
    if (gone.length > 0) await ext.scripting.unregisterContentScripts({ ids: gone });
    return;
  }
  const missing = SCRIPTS.filter((s) => !have.includes(s.id));
  // `world` and `matchOriginAsFallback` are Chromium's (Firefox ignores what it does not know);
  // the polyfill's types lack them.
  if (missing.length > 0) await ext.scripting.registerContentScripts(missing);
}

/** Gives the hook and the bridge to every frame of the open tabs that lacks them (hook-tabs.ts). */
export const hookOpenTabs = (tabs: readonly OpenTab[]): Promise<number[]> =>
  hookTabs(tabs, { hook: hookFile, bridge: bridgeFile }, ext.scripting.executeScript);

export async function readPaused(): Promise<boolean> {
  return (await ext.storage.local.get(PAUSED_KEY))[PAUSED_KEY] === true;
}
