// A Channel over a runtime.Port named `cors-panel` that survives the MV3 worker being stopped:
// when the port disconnects, reconnect with backoff and re-send the last subscribe, so the worker
// answers with a fresh snapshot that replaces the panel's state (React DevTools' reconnecting
// port). Commands (clear, preserve log) sent while no port is open wait for the next
// one and follow the subscribe.
import type { PanelChannel } from '../../src/ui/connect';
import type { ToBackground, ToPanel } from '../../src/messages';

/** The slice of chrome.runtime.Port we use (a fake in unit tests). */
export interface PortLike {
  postMessage(msg: unknown): void;
  onMessage: { addListener(fn: (msg: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
  disconnect(): void;
}

export const PORT_NAME = 'cors-panel';
const FIRST_DELAY = 100;
const MAX_DELAY = 5_000;

/** A new port; undefined while the extension context is gone (reloaded) or the worker is starting. */
function tryConnect(connect: () => PortLike): PortLike | undefined {
  try {
    return connect();
  } catch {
    return undefined;
  }
}

export function portChannel(connect: () => PortLike, schedule: (fn: () => void, ms: number) => unknown = setTimeout): PanelChannel & { close(): void } {
  const listeners = new Set<(m: ToPanel) => void>();
  let last: ToBackground | undefined;
  let waiting: ToBackground[] = [];
  let port: PortLike | undefined;
  let delay = FIRST_DELAY;
  let closed = false;

  const open = () => {
    if (closed) return;
    const p = tryConnect(connect);
    if (!p) return retry();
    port = p;
    // The receive site narrows `unknown` in connectStore (isToPanel); here we only relay.
    p.onMessage.addListener((m) => {
      delay = FIRST_DELAY;
      listeners.forEach((fn) => fn(m as ToPanel));
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = undefined;
      retry();
    });
    if (last) p.postMessage(last);
    const queued = waiting;
    waiting = [];
    queued.forEach((m) => send(m));
  };
  const send = (msg: ToBackground) => {
    try {
      if (!port) throw new Error('no port');
      port.postMessage(msg);
    } catch {
      // Disconnected between events: onDisconnect reconnects and re-sends `last`; a command waits.
      if (msg.type !== 'subscribe') waiting.push(msg);
    }
  };
  const retry = () => {
    if (closed) return;
    const wait = delay;
    delay = Math.min(MAX_DELAY, delay * 2);
    schedule(open, wait);
  };

  open();
  return {
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    post(msg) {
      if (msg.type === 'subscribe') last = msg;
      send(msg);
    },
    close() {
      closed = true;
      port?.disconnect();
    },
  };
}
