// Who may ask the worker what: runtime.MessageSender shapes as Chromium 156 reports them.
import { describe, expect, it } from 'vitest';
import { contentScriptFrame, isExtensionPage } from '../../extension/background/senders';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const panel = { id: ID, url: `${ORIGIN}extension/panel/panel.html?tabId=3`, origin: ORIGIN.slice(0, -1), frameId: 0 };
const contentScript = { id: ID, url: 'https://evil.example/', origin: 'https://evil.example', frameId: 2, tab: { id: 3, url: 'https://evil.example/' } };

describe('isExtensionPage', () => {
  it('accepts our panel or popup, and our page opened in a tab of its own', () => {
    expect(isExtensionPage(panel, ID, ORIGIN)).toBe(true);
    expect(isExtensionPage({ ...panel, tab: { id: 9, url: `${ORIGIN}extension/popup/popup.html` } }, ID, ORIGIN)).toBe(true);
  });

  it('refuses a content script, another extension, and a tab showing a web page', () => {
    expect(isExtensionPage(contentScript, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage({ ...panel, id: 'other' }, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage({ ...panel, tab: { id: 3, url: 'https://evil.example/' } }, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage({ ...panel, tab: { id: 3 } }, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage({ ...panel, url: `chrome-extension://${ID}.evil.example/` }, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage(undefined, ID, ORIGIN)).toBe(false);
  });
});

describe('contentScriptFrame', () => {
  it("ties hints to the sender's tab, frame and origin", () => {
    expect(contentScriptFrame(contentScript, ID, ORIGIN)).toEqual({ tabId: 3, frameId: 2, origin: 'https://evil.example' });
    // Firefox's sender may lack `origin`: the frame URL's serialization; an opaque origin stays 'null'.
    expect(contentScriptFrame({ ...contentScript, origin: undefined, url: 'https://a.example:8443/x?y' }, ID, ORIGIN)).toEqual({
      tabId: 3,
      frameId: 2,
      origin: 'https://a.example:8443',
    });
    expect(contentScriptFrame({ ...contentScript, origin: 'null' }, ID, ORIGIN)?.origin).toBe('null');
  });

  it('refuses our own pages, other extensions and senders without a tab', () => {
    expect(contentScriptFrame(panel, ID, ORIGIN)).toBeUndefined();
    expect(contentScriptFrame({ ...contentScript, id: 'other' }, ID, ORIGIN)).toBeUndefined();
    expect(contentScriptFrame({ ...contentScript, tab: undefined }, ID, ORIGIN)).toBeUndefined();
  });
});
