// Chromium driven over its own DevTools pipe, with no automation library in between
// (--remote-debugging-pipe: the browser reads commands on fd 3 and writes on fd 4, each message
// JSON ended by a NUL; https://chromedevtools.github.io/devtools-protocol/). Playwright and
// puppeteer auto-attach to every new target and release one held by `waitForDebuggerOnStart`
// (Target.setAutoAttach), so neither can keep an extension's service worker from running its first
// line; this client holds it until told. `Extensions.loadUnpacked` installs the extension while the
// browser runs (it needs --enable-unsafe-extension-debugging and the pipe).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromiumArgs, chromiumPath } from './chromium';

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
}

export interface CdpPipe {
  /** One command, to the browser or (with `sessionId`) to an attached target; rejects with the protocol's error. */
  send<T = unknown>(method: string, params?: object, sessionId?: string): Promise<T>;
  /** Every event of that name, from any session. */
  on(method: string, fn: (params: Record<string, unknown>, sessionId: string | undefined) => void): void;
  /** Closes the browser (by its PID if it does not close) and removes its profile. */
  close(): Promise<void>;
}

/** A headless Chromium with no extension, on a throwaway profile, driven over the pipe. */
export function launchChromiumPipe(extra: string[] = []): CdpPipe {
  const profile = mkdtempSync(join(tmpdir(), 'cci-pipe-'));
  const args = chromiumArgs([
    '--headless=new',
    '--remote-debugging-pipe',
    '--enable-unsafe-extension-debugging',
    `--user-data-dir=${profile}`,
    ...extra,
    'about:blank',
  ]);
  const proc: ChildProcess = spawn(chromiumPath(), args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = proc.stdio[3] as Writable;
  const fromBrowser = proc.stdio[4] as Readable;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Map<string, ((p: Record<string, unknown>, s: string | undefined) => void)[]>();
  let nextId = 0;
  let pending = '';

  const receive = (m: Message): void => {
    const call = m.id === undefined ? undefined : waiting.get(m.id);
    if (call) {
      waiting.delete(m.id!);
      if (m.error) call.reject(new Error(m.error.message));
      else call.resolve(m.result);
    } else if (m.method) for (const fn of listeners.get(m.method) ?? []) fn(m.params ?? {}, m.sessionId);
  };
  fromBrowser.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      receive(JSON.parse(pending.slice(0, end)) as Message);
      pending = pending.slice(end + 1);
    }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  void exited.then(() => {
    for (const call of waiting.values()) call.reject(new Error('Chromium exited'));
    waiting.clear();
  });

  return {
    send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      });
    },
    on(method, fn) {
      listeners.set(method, [...(listeners.get(method) ?? []), fn]);
    },
    async close() {
      // Browser.close lets Chromium stop its own child processes; the signal is the fallback.
      if (proc.exitCode === null && proc.signalCode === null) void this.send('Browser.close').catch(() => proc.kill('SIGTERM'));
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      // A renderer can still be writing its last files into the profile as the browser exits
      // (ENOTEMPTY): Node's rmSync retries exactly those errors (maxRetries).
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
