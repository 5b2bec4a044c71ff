// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '../../../src/ui/copy-text';

const setClipboard = (clipboard: unknown) => Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('copyText', () => {
  it('uses the Clipboard API when it works', async () => {
    const writeText = vi.fn(async () => {});
    setClipboard({ writeText });
    const exec = vi.fn(() => true);
    document.execCommand = exec;
    expect(await copyText('Access-Control-Allow-Credentials: true')).toBe(true);
    expect(writeText).toHaveBeenCalledWith('Access-Control-Allow-Credentials: true');
    expect(exec).not.toHaveBeenCalled();
  });

  it('falls back to a hidden textarea + execCommand when the Clipboard API is blocked', async () => {
    setClipboard({
      writeText: vi.fn(async () => Promise.reject(new DOMException('The Clipboard API has been blocked because of a permissions policy', 'NotAllowedError'))),
    });
    let copied = '';
    document.execCommand = vi.fn((cmd: string) => {
      const area = document.querySelector('textarea')!;
      copied = cmd === 'copy' ? area.value.slice(area.selectionStart, area.selectionEnd) : '';
      return true;
    });
    expect(await copyText('Vary: Origin')).toBe(true);
    expect(copied).toBe('Vary: Origin');
    expect(document.querySelector('textarea')).toBeNull(); // cleaned up
  });

  it('reports failure when both ways fail, so the UI can ask for Ctrl+C', async () => {
    setClipboard(undefined);
    document.execCommand = vi.fn(() => false);
    expect(await copyText('x')).toBe(false);
    document.execCommand = vi.fn(() => {
      throw new Error('not supported');
    });
    expect(await copyText('x')).toBe(false);
  });
});
