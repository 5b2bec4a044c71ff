/// <reference types="@crxjs/vite-plugin/client" />
// The pause switch (popup → storage.local `paused`). Paused, the extension costs nothing: every
// webRequest and webNavigation listener is removed (the browser then stops sending those events,
// and the extraHeaders round trips with them), and the page hook and bridge are unregistered, so
// new documents get no script at all; documents that already have them are told to step aside
// (bridge.iife.ts restores the page's natives). The choice is remembered across restarts.
import hookFile from '../content/page-hook.iife.ts?script';
import bridgeFile from '../content/bridge.iife.ts?script';
import { ext } from '../platform';

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

/** Registers the page hook and the bridge (watching), or removes them (paused). */
export async function syncContentScripts(paused: boolean): Promise<void> {
  const have = (await ext.scripting.getRegisteredContentScripts()).map((s) => s.id);
  const ours = SCRIPTS.map((s) => s.id);
  if (paused) {
    const gone = have.filter((id) => ours.includes(id));
    if (gone.length > 0) await ext.scripting.unregisterContentScripts({ ids: gone });
    return;
  }
  const missing = SCRIPTS.filter((s) => !have.includes(s.id));
  // `world` and `matchOriginAsFallback` are Chromium's (Firefox ignores what it does not know);
  // the polyfill's types lack them.
  if (missing.length > 0) await ext.scripting.registerContentScripts(missing);
}

export async function readPaused(): Promise<boolean> {
  return (await ext.storage.local.get(PAUSED_KEY))[PAUSED_KEY] === true;
}
