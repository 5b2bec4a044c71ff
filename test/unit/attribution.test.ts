// Which document a finished request belongs to: a request of a document its frame has since
// replaced is told apart by documentId.
import { describe, expect, it } from 'vitest';
import { createDocuments } from '../../extension/background/attribution';

describe('documents', () => {
  it("a request of the document a frame showed before is replaced; the current one's, another frame's and an unknown one's are not", () => {
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
