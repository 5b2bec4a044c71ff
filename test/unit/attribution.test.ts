// Which tab a finished request belongs to: a tab-less worker request goes to the tabs of its
// origin; a request of a document its frame has since replaced is told apart by documentId.
import { describe, expect, it } from 'vitest';
import { createDocuments, tabsOfOrigin } from '../../extension/background/attribution';
import { createCollector, type Finished } from '../../extension/background/collector';

describe('tabsOfOrigin', () => {
  it('picks the tabs showing a page of that origin, whatever the path, port rules included', () => {
    const tabs = [
      { id: 1, url: 'http://localhost:4000/app' },
      { id: 2, url: 'http://localhost:4000/' },
      { id: 3, url: 'http://localhost:4001/' },
      { id: 4, url: 'https://localhost:4000/' },
      { id: 5 }, // no url: no host access to it
      { url: 'http://localhost:4000/x' }, // no id
    ];
    expect(tabsOfOrigin(tabs, 'http://localhost:4000')).toEqual([1, 2]);
    expect(tabsOfOrigin(tabs, 'http://example.test')).toEqual([]);
  });
});

describe('documents', () => {
  it('a request of the document a frame showed before is replaced; the current one\'s, another frame\'s and an unknown one\'s are not', () => {
    const d = createDocuments();
    d.committed(7, 0, 'DOC-A');
    d.committed(7, 3, 'FRAME-A');
    expect(d.isReplaced({ tabId: 7, frameId: 0, documentId: 'DOC-A' })).toBe(false);
    d.committed(7, 0, 'DOC-B');
    expect(d.isReplaced({ tabId: 7, frameId: 0, documentId: 'DOC-A' })).toBe(true);
    expect(d.isReplaced({ tabId: 7, frameId: 0, documentId: 'DOC-B' })).toBe(false);
    expect(d.isReplaced({ tabId: 7, frameId: 3, documentId: 'FRAME-A' })).toBe(false);
    // Firefox gives no documentId; a tab the worker has not seen commit is never called replaced.
    expect(d.isReplaced({ tabId: 7, frameId: 0 })).toBe(false);
    expect(d.isReplaced({ tabId: 8, frameId: 0, documentId: 'X' })).toBe(false);
    d.forgetTab(7);
    expect(d.isReplaced({ tabId: 7, frameId: 0, documentId: 'DOC-A' })).toBe(false);
  });
});

describe('the collector and tab-less requests', () => {
  const events = (tabId: number, initiator: string | undefined) => {
    const out: Finished[] = [];
    const c = createCollector({ onFinished: (f) => out.push(f), now: () => 0, schedule: () => {} });
    const d = { requestId: '1', method: 'GET', tabId, frameId: -1, type: 'xmlhttprequest', url: 'http://127.0.0.1:5000/x', ...(initiator ? { initiator } : {}) };
    c.handle('beforeRequest', d);
    c.handle('headersReceived', { ...d, statusCode: 200, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }] });
    c.handle('errorOccurred', { ...d, error: 'net::ERR_FAILED' });
    return out;
  };

  it("keeps a page's service or shared worker's request (a web initiator), finished at once without waiting for a page hint", () => {
    const [f] = events(-1, 'http://localhost:4000');
    expect(f).toMatchObject({ tabId: -1, worker: true, blocked: true, record: { origin: 'http://localhost:4000', credentials: 'unknown' } });
  });

  it("ignores the browser's and other extensions' own tab-less requests", () => {
    expect(events(-1, undefined)).toEqual([]);
    expect(events(-1, 'chrome-extension://abcdefghijklmnop')).toEqual([]);
  });
});
