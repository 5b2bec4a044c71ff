// MAIN world, document_start, every frame. Learns each fetch/XHR call's credentials mode and kind,
// which webRequest never exposes (MDN, webRequest.onBeforeRequest: its details have neither), and hands them to the ISOLATED
// bridge as a DOM event. One synchronous IIFE: crxjs builds `*.iife.ts` as a single file that
// runs before the page's first script (an import would make it an async loader that runs after).
//
// Invisible and harmless to the page:
// - the wrappers are Proxies of the natives (same name, length, prototype); a Proxy of a native
//   function already prints as native code, so Function.prototype.toString is left alone;
// - every built-in we use is captured before the page runs, so a page that patches Array, JSON,
//   String or Reflect later never sees us call it;
// - no page code runs on our account: an `init` is read through property descriptors (plain data
//   only; a getter is never called, so the browser's own read is the only one), a Request or URL is
//   recognised by calling the native getter on it (a brand check: no `instanceof`, which would run
//   the page's Symbol.hasInstance), and any other object is left alone (no String() on it);
// - a synchronous exception of the native call has our frame removed from its stack;
// - hints leave in one batch once the page's current script returned (a microtask), under a
//   per-document random event name.
import { HANDSHAKE, HOOKED, isKey } from './handshake';

(() => {
  const win = window;
  const apply = Reflect.apply;
  const ProxyCtor = Proxy;
  const Custom = CustomEvent;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const create = Object.create;
  const hasOwn = Object.hasOwn;
  // A microtask, not a timer: while a page loads (as the browser or the extension starts),
  // Chromium's renderer ran a setTimeout(0) up to 1.2 s late, past the time the worker waits for a
  // request's hint (hintWaitMs in extension/background/collector.ts); a microtask runs as soon as
  // the page's current script returns (HTML standard, "perform a microtask checkpoint").
  const soon = queueMicrotask;
  const preventDefault = Event.prototype.preventDefault;
  const doc = document;
  const now = Date.now;
  const describe = Object.getOwnPropertyDescriptor;
  const protoOf = Object.getPrototypeOf;
  const ObjectProto = Object.prototype;
  const getter = (proto: object, name: string) => describe(proto, name)?.get;
  const requestUrl = getter(Request.prototype, 'url');
  const requestMethod = getter(Request.prototype, 'method');
  const requestCredentials = getter(Request.prototype, 'credentials');
  const urlHref = getter(URL.prototype, 'href');
  const baseUri = getter(Node.prototype, 'baseURI');
  const withCredentials = getter(XMLHttpRequest.prototype, 'withCredentials');
  const detailGet = getter(CustomEvent.prototype, 'detail');
  // crypto.randomUUID exists only in secure contexts (an http:// page has none); getRandomValues
  // everywhere (W3C WebCrypto). Firefox ESR 153 on the http:// lab page: randomUUID is undefined.
  const getRandom = crypto.getRandomValues.bind(crypto);
  const uuid = (): string => {
    let s = '';
    for (const b of getRandom(new Uint8Array(16))) s += (b + 0x100).toString(16).slice(1);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  const split = String.prototype.split;
  const indexOf = String.prototype.indexOf;
  const startsWith = String.prototype.startsWith;
  const join = Array.prototype.join;
  const then = Promise.prototype.then;
  // Our script's own URL prefix (chrome-extension://<id>/), read from a stack before the page runs.
  // Firefox: moz-extension://<uuid>/ (a random UUID per profile).
  const ours = /(?:chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})\//.exec(String(new Error().stack))?.[0] ?? 'chrome-extension://';
  /** Objects we hand to the platform have no prototype, so no page-defined Object.prototype property is read. */
  const bare = <T extends object>(props: T): T => {
    const o = create(null) as T;
    for (const k in props) if (hasOwn(props, k)) o[k] = props[k];
    return o;
  };
  const event = (name: string, detail: string) => new Custom(name, bare({ detail }));

  // The batch travels as one string (JSON.stringify would call a page-defined toJSON): per field,
  // its length, ':', then the field (bridge.iife.ts decodes). Fields: url, base, method, credentials,
  // initiator, time.
  let queue = '';
  let scheduled = false;
  let key: string | undefined;
  const key0 = `k${uuid()}`;

  // Handshake with the bridge (extension/content/handshake.ts): answer its 'ask', stop at its 'ok'.
  const onHandshake = (e: Event) => {
    const d: unknown = apply(detailGet!, e, []);
    if (d === 'ask') apply(dispatch, win, [event(HANDSHAKE, key0)]);
    else if (d === 'ok') {
      key = key0;
      apply(removeListener, win, [HANDSHAKE, onHandshake, true]);
      apply(addListener, win, [key0, onCommand, true]);
    }
  };
  // The bridge says 'pause' (the user paused the extension): give the page its natives back.
  const restore: (() => void)[] = [];
  const onCommand = (e: Event) => {
    if (apply(detailGet!, e, []) !== 'pause') return;
    key = undefined;
    stopAnswering();
    apply(removeListener, win, [key0, onCommand, true]);
    for (let i = 0; i < restore.length; i++) restore[i]!();
  };
  // One hook per document. The worker injects this file into documents that were open before the
  // extension started (extension/background/hook-tabs.ts), and an injection that lands as a new
  // document starts meets the manifest's copy there too: two wrappers, of which the pause switch
  // could undo only the one its bridge knows (seen in 1 launch of 14 of `npm run bench`'s). The copy
  // that runs second asks on the handshake's name; the first answers by cancelling the event
  // (dispatchEvent is synchronous: DOM standard, "dispatch"). It answers only while its document is
  // loading, the only time both copies can meet, and never once injected into a loaded page: a hook
  // left behind by a reloaded extension must not keep the new one out.
  if (!apply(dispatch, win, [new Custom(HANDSHAKE, bare({ detail: HOOKED, cancelable: true }))])) return;
  const onHooked = (e: Event) => {
    if (apply(detailGet!, e, []) === HOOKED) apply(preventDefault, e, []);
  };
  const stopAnswering = () => apply(removeListener, win, [HANDSHAKE, onHooked, true]);
  if (doc.readyState === 'loading') {
    apply(addListener, win, [HANDSHAKE, onHooked, true]);
    apply(addListener, doc, ['DOMContentLoaded', stopAnswering, true]);
  }
  apply(addListener, win, [HANDSHAKE, onHandshake, true]);
  apply(dispatch, win, [event(HANDSHAKE, key0)]);
  if (!isKey(key0)) return;

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = '';
    if (key === undefined || batch === '') return;
    try {
      apply(dispatch, win, [event(key, batch)]);
    } catch {
      // a hint lost is a hint lost
    }
  }

  function note(url: string, method: string, credentials: string, initiator: 'fetch' | 'xmlhttprequest'): void {
    if (key === undefined) return;
    // The base matters only to a relative URL: one that starts "http://" or "https://" resolves
    // the same against any base (URL standard: the slashes make it an authority, not a path), and
    // reading document.baseURI on every call is the page's time.
    const absolute = apply(startsWith, url, ['https://']) || apply(startsWith, url, ['http://']);
    const base = baseUri && !absolute ? (apply(baseUri, document, []) as string) : '';
    const time = `${now()}`;
    // Plain concatenation: an array's iterator is the page's to patch.
    queue += `${url.length}:${url}${base.length}:${base}${method.length}:${method}${credentials.length}:${credentials}${initiator.length}:${initiator}${time.length}:${time}`;
    if (!scheduled) {
      scheduled = true;
      soon(flush);
    }
  }

  /** The native getter's answer, or undefined when `v` is not of that brand (it throws). */
  function brand(get: ((this: unknown) => unknown) | undefined, v: unknown): unknown {
    if (!get || typeof v !== 'object' || v === null) return undefined;
    try {
      return apply(get, v, []);
    } catch {
      return undefined;
    }
  }

  const UNREADABLE = Symbol();
  /** A plain data property along the prototype chain, never a getter; UNREADABLE otherwise. */
  function plain(o: object, name: string): unknown {
    for (let p: object | null = o, depth = 0; p !== null && p !== ObjectProto && depth < 8; p = protoOf(p) as object | null, depth++) {
      const d = describe(p, name);
      if (!d) continue;
      return hasOwn(d, 'value') ? (d.value as unknown) : UNREADABLE;
    }
    return undefined;
  }

  /** A URL as the page passed it, if it is a string or a URL object; undefined otherwise. */
  const urlOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : (brand(urlHref, v) as string | undefined));

  const ourFrames = (text: string): boolean => apply(indexOf, text, [ours]) >= 0;

  /**
   * Our frame out of an exception's stack, so the page sees the browser's error only. V8 captures
   * the stack where the native was called, which is inside our Proxy trap, for a synchronous throw
   * and for fetch()'s "Failed to fetch" alike.
   */
  function scrub(e: unknown): void {
    try {
      if (typeof e !== 'object' || e === null) return;
      const stack: unknown = (e as { stack?: unknown }).stack;
      if (typeof stack !== 'string' || !ourFrames(stack)) return;
      const lines = apply(split, stack, ['\n']) as string[];
      const kept: string[] = [];
      for (let i = 0; i < lines.length; i++) if (!ourFrames(lines[i]!)) kept[kept.length] = lines[i]!;
      const joined: unknown = apply(join, kept, ['\n']);
      (e as { stack: unknown }).stack = joined;
    } catch {
      // leave it
    }
  }
  const rethrow = (e: unknown) => {
    scrub(e);
    throw e;
  };

  function wrap<T extends object>(
    original: T,
    before: (self: unknown, args: unknown[]) => void,
    after?: (self: unknown, args: unknown[]) => void,
    async = false,
  ): T {
    return new ProxyCtor(
      original,
      bare({
        apply(target: T, self: unknown, args: unknown[]) {
          try {
            before(self, args);
          } catch {
            // never throw into the page
          }
          let result: unknown;
          try {
            result = apply(target as (...a: unknown[]) => unknown, self, args);
          } catch (e) {
            scrub(e);
            throw e;
          }
          try {
            after?.(self, args);
          } catch {
            // ignore
          }
          // fetch() rejects with an error whose stack was taken inside this trap: scrub it too.
          if (async && result !== null && typeof result === 'object') return apply(then, result, [undefined, rethrow]);
          return result;
        },
      }),
    );
  }

  try {
    const origFetch = win.fetch;
    if (typeof origFetch === 'function') {
      const wrapped = (win.fetch = wrap(
        origFetch,
        (_self, args) => {
          const input = args[0];
          const init = args[1];
          const reqUrl = brand(requestUrl, input) as string | undefined;
          const url = reqUrl ?? urlOf(input);
          if (url === undefined) return;
          let method: unknown = reqUrl !== undefined ? brand(requestMethod, input) : 'GET';
          let credentials: unknown = reqUrl !== undefined ? brand(requestCredentials, input) : 'same-origin';
          if (typeof init === 'object' && init !== null) {
            const m = plain(init, 'method');
            const c = plain(init, 'credentials');
            if (m === UNREADABLE || c === UNREADABLE) return; // a getter: the browser's read is the only one
            if (m !== undefined) method = m;
            if (c !== undefined) credentials = c;
          }
          if (typeof method === 'string' && typeof credentials === 'string') note(url, method, credentials, 'fetch');
        },
        undefined,
        true,
      ));
      restore[restore.length] = () => {
        if (win.fetch === wrapped) win.fetch = origFetch; // unless the page replaced it since
      };
    }

    const proto = XMLHttpRequest.prototype;
    const opened = new WeakMap<object, [string, string]>();
    const wmGet = WeakMap.prototype.get;
    const wmSet = WeakMap.prototype.set;
    const [origOpen, origSend] = [proto.open, proto.send];
    const open = (proto.open = wrap(
      origOpen,
      () => {},
      (self, args) => {
        // After the native call, which throws exactly as it would without us (bad method, URL).
        const url = urlOf(args[1]);
        if (typeof args[0] === 'string' && url !== undefined) apply(wmSet, opened, [self, [args[0], url]]);
      },
    ));
    const send = (proto.send = wrap(origSend, (self) => {
      const o = apply(wmGet, opened, [self]) as [string, string] | undefined;
      if (o && withCredentials) note(o[1], o[0], apply(withCredentials, self, []) ? 'include' : 'same-origin', 'xmlhttprequest');
    }));
    restore[restore.length] = () => {
      if (proto.open === open) proto.open = origOpen;
      if (proto.send === send) proto.send = origSend;
    };
  } catch {
    // an exotic page (frozen prototypes): stay out of its way
  }
})();
