// The page hook for documents that were open before the extension started: the manifest's
// content scripts reach only documents created after that, so the worker injects the same two
// files into every frame that lacks them (chrome.scripting.executeScript). No extension API of its
// own: watching.ts hands it the executeScript function and the built files.

/**
 * Runs in a frame's ISOLATED world (serialised by chrome.scripting: no closure): true when a
 * bridge of this extension is running there and still connected (bridge.iife.ts sets the mark; a
 * bridge of a reloaded or updated extension answers false).
 */
export function bridgeAlive(): boolean {
  const mark = (globalThis as { __corsInspectorBridge?: () => boolean }).__corsInspectorBridge;
  try {
    return typeof mark === 'function' && mark() === true;
  } catch {
    return false;
  }
}

/** Pages the extension can watch; a failure on any other (chrome://, the web store) means nothing. */
const watchable = (url: string | undefined): boolean => url === undefined || /^(https?|file):/.test(url);

/** chrome.scripting.executeScript, as far as this file uses it. */
export type Inject = (injection: {
  target: { tabId: number; allFrames?: boolean; frameIds?: number[] };
  func?: () => unknown;
  files?: string[];
  world?: 'MAIN' | 'ISOLATED';
  injectImmediately?: boolean;
}) => Promise<{ frameId: number; result?: unknown }[]>;

/** The built page hook and bridge (watching.ts's `?script` imports). */
export interface PageFiles {
  hook: string;
  bridge: string;
}

export interface OpenTab {
  id?: number;
  url?: string;
}

/**
 * Gives the hook and the bridge to every frame of `tabId` that lacks a live bridge: a page that was
 * open before the extension was installed, enabled, updated or reloaded (static content scripts
 * reach only documents created after that). Throws when the tab cannot be scripted (discarded,
 * a policy-blocked host): the caller says so in the panel.
 */
export async function hookTab(tabId: number, files: PageFiles, inject: Inject): Promise<void> {
  const probes = await inject({ target: { tabId, allFrames: true }, func: bridgeAlive, injectImmediately: true });
  const frameIds = probes.filter((r) => r.result !== true).map((r) => r.frameId);
  if (frameIds.length === 0) return;
  const target = { tabId, frameIds };
  // The bridge first: the page's scripts run between the two injections, and a hook without its
  // bridge would wrap fetch but drop every hint until the handshake (handshake.ts). Either order
  // completes the handshake; in this one the hook finds the bridge listening as it starts.
  await inject({ target, files: [files.bridge], injectImmediately: true });
  await inject({ target, files: [files.hook], world: 'MAIN', injectImmediately: true });
}

/** Hooks every open tab; returns the watchable tabs it could not hook. */
export async function hookTabs(tabs: readonly OpenTab[], files: PageFiles, inject: Inject): Promise<number[]> {
  const failed: number[] = [];
  await Promise.all(
    tabs.map(async (t) => {
      if (typeof t.id !== 'number' || !watchable(t.url)) return;
      try {
        await hookTab(t.id, files, inject);
      } catch {
        failed.push(t.id);
      }
    }),
  );
  return failed.sort((a, b) => a - b);
}
