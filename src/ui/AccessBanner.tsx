// Host access withheld: Firefox lets the user take an MV3 extension's host permissions away (and
// before Firefox 127 did not even ask at install), so webRequest sees nothing and the list stays
// empty for a reason the reader cannot guess. Say so, and offer the grant (permissions.request
// must run from a click: MDN permissions.request "user action"). The caller owns the browser call.
import { useEffect, useState } from 'preact/hooks';

export interface HostAccess {
  /** Does the extension hold its host permission now? */
  granted(): Promise<boolean>;
  /** Ask the browser for it (from a click); true when granted. */
  request(): Promise<boolean>;
  /** Calls `fn` when the grant changes, from anywhere (permissions.onAdded / onRemoved); returns the unsubscribe. */
  onChange(fn: () => void): () => void;
}

export function AccessBanner({ access }: { access: HostAccess | undefined }) {
  const [granted, setGranted] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    if (!access) return;
    let live = true;
    // A helper that throws, even at once, only hides the banner: it must not stop the page's other
    // effects (the panel's subscription runs in the same commit).
    const check = () =>
      void Promise.resolve()
        .then(() => access.granted())
        .then(
          (g) => live && setGranted(g),
          () => live && setGranted(undefined),
        );
    check();
    // The grant can change behind our back (the Add-ons manager, the toolbar's site access menu):
    // ask again whenever the browser says it changed.
    let stop = () => {};
    try {
      stop = access.onChange(check);
    } catch {
      // no change events: the banner shows the state at mount
    }
    return () => {
      live = false;
      stop();
    };
  }, [access]);
  if (!access || granted !== false) return null;
  return (
    <div class="access-banner" role="alert" data-testid="access-banner">
      <span>The browser has not given this extension access to websites, so it cannot see their requests.</span>{' '}
      <button type="button" data-testid="access-request" onClick={() => void access.request().then(setGranted, () => setGranted(false))}>
        Allow access to all sites
      </button>
    </div>
  );
}
