// Copying from a DevTools document: the Clipboard API is often blocked there by a permissions
// policy ("The Clipboard API has been blocked because of a Feature Policy applied to the current
// document", reported by Moustachauve/cookie-editor#175 and MisterPhilip/omnibug#105), so fall back to a hidden textarea and
// execCommand('copy') like preact-devtools' copyToClipboard(). Returns whether either worked, so
// the UI can say "Copied" or ask for Ctrl+C.
export type CopyText = (text: string) => Promise<boolean>;

export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Blocked or not focused: try the old way.
    }
  }
  return execCommandCopy(text, doc);
}

export function execCommandCopy(text: string, doc: Document = document): boolean {
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  area.style.opacity = '0';
  const focused = doc.activeElement as HTMLElement | null;
  doc.body.appendChild(area);
  area.focus();
  area.select();
  let ok = false;
  try {
    ok = typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus?.();
  return ok;
}
