// MAIN world, document_start, every frame. Learns each fetch/XHR call's credentials mode and kind,
// which webRequest never exposes (research/platform.md §1.6, §4), and hands them to the ISOLATED
// bridge as a DOM event. One synchronous IIFE: crxjs builds `*.iife.ts` as a single file that
// runs before the page's first script (an import would make it an async loader that runs after).
//
// Invisible and harmless to the page: the wrappers are Proxies of the natives (same name, length,
// prototype), Function.prototype.toString answers for them as for the natives, nothing is awaited
// before the original runs, no body is read, and nothing we do can throw into the page.
(() => {
  const EVENT = '__cors_inspector_hint__';
  const win = window;
  const origToString = Function.prototype.toString;
  const natives = new WeakMap<object, object>();
  const dispatch = EventTarget.prototype.dispatchEvent;
  const Custom = CustomEvent;
  const stringify = JSON.stringify;
  const URLCtor = URL;

  const NORMAL = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
  /** Fetch §2.2.1: only these six are upper-cased; webRequest reports the method the same way. */
  const normalize = (m: string): string => (NORMAL.includes(m.toUpperCase()) ? m.toUpperCase() : m);
  const absolute = (u: string): string => {
    const url = new URLCtor(u, document.baseURI);
    url.hash = '';
    return url.href;
  };

  function send(url: string, method: string, credentials: string, initiator: 'fetch' | 'xmlhttprequest'): void {
    try {
      const detail = stringify({ url: absolute(url), method: normalize(String(method)), credentials, initiator, time: Date.now() });
      dispatch.call(win, new Custom(EVENT, { detail }));
    } catch {
      // a hint lost is a hint lost; the page's call goes on untouched
    }
  }

  function disguise<T extends object>(original: T, handler: ProxyHandler<T>): T {
    const proxy = new Proxy(original, handler);
    natives.set(proxy, original);
    return proxy;
  }

  try {
    const toString = disguise(origToString, {
      apply: (target, self, args) => Reflect.apply(target, natives.get(self as object) ?? self, args),
    });
    Function.prototype.toString = toString;

    const origFetch = win.fetch;
    if (typeof origFetch === 'function') {
      win.fetch = disguise(origFetch, {
        apply(target, self, args: unknown[]) {
          try {
            const [input, init] = args as [unknown, RequestInit | undefined];
            const req = input instanceof Request ? input : undefined;
            const url = req ? req.url : String(input);
            const method = (init && init.method) ?? (req ? req.method : 'GET');
            const credentials = (init && init.credentials) ?? (req ? req.credentials : 'same-origin');
            send(url, method, credentials, 'fetch');
          } catch {
            // never throw into the page
          }
          return Reflect.apply(target, self, args);
        },
      });
    }

    const proto = XMLHttpRequest.prototype;
    const opened = new WeakMap<object, { method: string; url: string }>();
    const origOpen = proto.open;
    const origSend = proto.send;
    proto.open = disguise(origOpen, {
      apply(target, self, args: unknown[]) {
        const result = Reflect.apply(target, self, args); // throws exactly as the native would
        try {
          opened.set(self as object, { method: String(args[0]), url: String(args[1]) });
        } catch {
          // ignore
        }
        return result;
      },
    });
    proto.send = disguise(origSend, {
      apply(target, self, args: unknown[]) {
        try {
          const o = opened.get(self as object);
          if (o) send(o.url, o.method, (self as XMLHttpRequest).withCredentials ? 'include' : 'same-origin', 'xmlhttprequest');
        } catch {
          // ignore
        }
        return Reflect.apply(target, self, args);
      },
    });
  } catch {
    // an exotic page (frozen prototypes): stay out of its way
  }
})();
