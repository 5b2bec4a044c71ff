/// <reference types="@crxjs/vite-plugin/client" />
// The pause switch (popup → storage.local `paused`), and the page scripts. Paused, every webRequest
// and webNavigation listener is removed (the browser then stops sending those events, and the
// extraHeaders round trips with them), and every page's bridge stops forwarding and tells the hook
// to give the page its natives back: documents already open when the switch flips, and new ones as
// soon as their bridge has read the switch (bridge.iife.ts; nothing leaves a paused page). The
// choice is remembered across restarts.
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

/** The built manifest lists the hook and bridge (vite.config.ts); a dev server's manifest does not. */
const staticScripts = (): boolean => (ext.runtime.getManifest().content_scripts ?? []).some((c) => c.js?.some((f) => f.includes('page-hook')));

/**
 * The built extension's page scripts are static (the manifest's content_scripts, injected before
 * any page script whether or not the worker runs), and the pause switch is honoured by the bridge
 * itself (it reads `paused` before forwarding anything). Registrations an older version made with
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
  if (missing.length > 0) await ext.scripting.registerContentScripts(missing as unknown as Parameters<typeof ext.scripting.registerContentScripts>[0]);
}

/**
 * Runs in a frame's ISOLATED world (serialised by chrome.scripting: no closure): true when a
 * bridge of this extension is running there and still connected (bridge.iife.ts sets the mark; a
 * bridge of a reloaded or updated extension answers false).
 */
function bridgeAlive(): boolean {
  const mark = (globalThis as { __corsInspectorBridge?: () => boolean }).__corsInspectorBridge;
  try {
    return typeof mark === 'function' && mark() === true;
  } catch {
    return false;
  }
}

/** Pages the extension can watch; a failure on any other (chrome://, the web store) means nothing. */
const watchable = (url: string | undefined): boolean => url === undefined || /^(https?|file):/.test(url);

type Inject = typeof ext.scripting.executeScript;

/**
 * Gives the hook and the bridge to every frame of `tabId` that lacks a live bridge: a page that was
 * open before the extension was installed, enabled, updated or reloaded (static content scripts
 * reach only documents created after that). Throws when the tab cannot be scripted (discarded,
 * a policy-blocked host): the caller says so in the panel.
 */
export async function hookTab(tabId: number, inject: Inject = ext.scripting.executeScript): Promise<void> {
  const probes = await inject({ target: { tabId, allFrames: true }, func: bridgeAlive, injectImmediately: true } as Parameters<Inject>[0]);
  const frameIds = probes.filter((r) => r.result !== true).map((r) => r.frameId);
  if (frameIds.length === 0) return;
  const target = { tabId, frameIds };
  // The bridge first: the page's scripts run between the two injections, and a hook without its
  // bridge would wrap fetch but drop every hint until the handshake (handshake.ts). Either order
  // completes the handshake; in this one the hook finds the bridge listening as it starts.
  await inject({ target, files: [bridgeFile], injectImmediately: true } as Parameters<Inject>[0]);
  await inject({ target, files: [hookFile], world: 'MAIN', injectImmediately: true } as unknown as Parameters<Inject>[0]);
}

/** Hooks every open tab; returns the watchable tabs it could not hook. */
export async function hookOpenTabs(tabs: readonly { id?: number; url?: string; discarded?: boolean }[], inject: Inject = ext.scripting.executeScript): Promise<number[]> {
  const failed: number[] = [];
  await Promise.all(
    tabs.map(async (t) => {
      if (typeof t.id !== 'number' || !watchable(t.url)) return;
      try {
        await hookTab(t.id, inject);
      } catch {
        failed.push(t.id);
      }
    }),
  );
  return failed.sort((a, b) => a - b);
}

export async function readPaused(): Promise<boolean> {
  return (await ext.storage.local.get(PAUSED_KEY))[PAUSED_KEY] === true;
}
