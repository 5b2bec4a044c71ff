// Who may ask the worker what. A page cannot message us directly (no externally_connectable), but
// our content scripts run inside every page, and a compromised renderer can send whatever its
// content script could; so a message is judged by its sender as the browser reports it, never by
// its content. https://developer.chrome.com/docs/extensions/develop/concepts/messaging#security
// ("content scripts are less trustworthy than the extension service worker").
import { serializeOrigin } from '../../src/core/origin';

/** The fields of runtime.MessageSender we read. */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; url?: string };
}

const under = (url: unknown, origin: string): boolean => typeof url === 'string' && url.startsWith(origin);

/**
 * One of our own pages (panel, popup, DevTools page): the sender document is under the extension's
 * origin, and it is not in a web page's tab. An extension page opened in a tab of its own (a test
 * suite reading the API from popup.html) has a `tab`, whose URL is then our origin too.
 */
export function isExtensionPage(s: Sender | undefined, extensionId: string, extensionOrigin: string): boolean {
  if (!s || s.id !== extensionId || !under(s.url, extensionOrigin)) return false;
  if (s.origin !== undefined && `${s.origin}/` !== extensionOrigin) return false;
  return s.tab === undefined || under(s.tab.url, extensionOrigin);
}

/**
 * Our content script in a web page's frame: the only sender of page hints, tied to its tab+frame,
 * with the frame's origin (MessageSender.origin; from its URL where the browser gives none).
 */
export function contentScriptFrame(
  s: Sender | undefined,
  extensionId: string,
  extensionOrigin: string,
): { tabId: number; frameId: number; origin?: string } | undefined {
  if (!s || s.id !== extensionId || under(s.url, extensionOrigin)) return undefined;
  const tabId = s.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0 || typeof s.frameId !== 'number' || s.frameId < 0) return undefined;
  const origin = typeof s.origin === 'string' ? s.origin : typeof s.url === 'string' ? serializeOrigin(s.url) : undefined;
  return { tabId, frameId: s.frameId, ...(origin !== undefined ? { origin } : {}) };
}
