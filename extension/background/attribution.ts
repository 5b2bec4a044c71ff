// Which tab a finished request belongs to, beyond webRequest's own tabId. Pure: main.ts feeds it
// webNavigation's commits and the open tabs.
//
// - A page's service worker and shared worker make requests with no tab (tabId -1; probed in
//   Chromium 156 with lab/workers.ts): they are listed on every open tab of their initiator's
//   origin, the pages those workers serve.
// - A document that the tab has since replaced may still finish a request (a keepalive fetch, a
//   slow response racing the navigation): webRequest's documentId tells it from the new
//   document's (developer.chrome.com/docs/extensions/reference/api/webRequest, "documentId").
import { serializeOrigin } from '../../src/core/origin';
import type { Finished } from './collector';

/** The tabs showing a page of `origin` (a worker's requests carry that origin as initiator). */
export function tabsOfOrigin(tabs: readonly { id?: number; url?: string }[], origin: string): number[] {
  return tabs.flatMap((t) => (typeof t.id === 'number' && typeof t.url === 'string' && serializeOrigin(t.url) === origin ? [t.id] : []));
}

export function createDocuments() {
  /** `${tabId} ${frameId}` → the id of the document that frame shows now. */
  const current = new Map<string, string>();
  const key = (tabId: number, frameId: number) => `${tabId} ${frameId}`;
  return {
    /** webNavigation.onCommitted: the frame shows a new document. */
    committed(tabId: number, frameId: number, documentId: string | undefined): void {
      if (typeof documentId === 'string' && documentId !== '') current.set(key(tabId, frameId), documentId);
      else current.delete(key(tabId, frameId));
    },
    forgetTab(tabId: number): void {
      for (const k of [...current.keys()]) if (k.startsWith(`${tabId} `)) current.delete(k);
    },
    /** Made by a document its frame no longer shows (unknown documents are never called replaced). */
    isReplaced(f: Pick<Finished, 'tabId' | 'frameId' | 'documentId'>): boolean {
      const now = current.get(key(f.tabId, f.frameId));
      return f.documentId !== undefined && now !== undefined && now !== f.documentId;
    },
  };
}
