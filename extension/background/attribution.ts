// Which document a finished request belongs to. Pure: main.ts feeds it webNavigation's commits.
// A document that the tab has since replaced may still finish a request (a keepalive fetch, a slow
// response racing the navigation): webRequest's documentId tells it from the new document's
// (developer.chrome.com/docs/extensions/reference/api/webRequest, "documentId").
import type { Finished } from './collector';

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
