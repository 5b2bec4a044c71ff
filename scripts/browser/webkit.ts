// WebKitGTK's MiniBrowser on a private Xvfb display, watched through its console output. Debian's
// webkit2gtk-driver brings MiniBrowser (package libwebkit2gtk-4.1-0). With
// --enable-write-console-messages-to-stdout=true it prints every console message (WebCore's
// FrameConsoleClient::addMessage, WebKit/WebKit) to its standard error, one per line:
//   [<url>:<line>:<col>: ]CONSOLE [<SOURCE> ]<LEVEL> <text>     e.g. "CONSOLE SECURITY ERROR Cannot use …"
// A WebDriver session does not pass those lines on, so the page drives itself (lab/page.ts
// '#record=') and we read the lines. Nothing here downloads a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const WEBKIT_INSTALL_HINT =
  'WebKitGTK (MiniBrowser) or Xvfb is missing. Install them with: apt-get install -y webkit2gtk-driver xvfb (or set MINIBROWSER_PATH / XVFB_PATH).';

const MINIBROWSER = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
];

function found(envPath: string | undefined, candidates: readonly string[]): string {
  const path = envPath ?? candidates.find((p) => existsSync(p));
  // A skipped browser test is a failed one: never skip, fail loudly with the fix.
  if (path === undefined || !existsSync(path)) throw new Error(`${WEBKIT_INSTALL_HINT} Looked for ${envPath ?? candidates.join(', ')}.`);
  return path;
}

export const miniBrowserPath = (): string => found(process.env.MINIBROWSER_PATH, MINIBROWSER);
export const xvfbPath = (): string => found(process.env.XVFB_PATH, ['/usr/bin/Xvfb']);

/** One console message as MiniBrowser printed it. */
export interface ConsoleLine {
  /** WebCore's MessageSource as printed ('JS', 'SECURITY', …); '' for console.log and friends. */
  source: string;
  level: string;
  text: string;
}

const LEVELS = 'LOG|WARN|ERROR|DEBUG|INFO';
const LINE = new RegExp(`^(?:\\S*:\\d+:\\d+: )?CONSOLE (?:(?!(?:${LEVELS}) )([A-Z][A-Z-]*) )?(${LEVELS}) (.*)$`);

/** Parses one stderr line; undefined for lines that are not console messages (GTK warnings…). */
export function parseConsoleLine(line: string): ConsoleLine | undefined {
  const m = LINE.exec(line);
  return m ? { source: m[1] ?? '', level: m[2]!, text: m[3]! } : undefined;
}

export interface WebKitPage {
  /** Every console message so far, in the order MiniBrowser printed them. */
  readonly lines: readonly ConsoleLine[];
  /** Resolves once a message satisfies `done`; rejects after `timeoutMs` or if MiniBrowser exits. */
  waitFor(done: (line: ConsoleLine) => boolean, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts Xvfb on a display it picks itself (-displayfd), or fails with the install command. */
export function startXvfb(screen = '1024x768x24'): Promise<{ proc: ChildProcess; display: string }> {
  const proc = spawn(xvfbPath(), ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('Xvfb did not report a display within 10 s')), 10_000);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      // The caller gets the error now; the Xvfb that failed to start is reaped in the background.
      void stop(proc);
      reject(err);
    };
    proc.once('error', (err) => fail(new Error(`${WEBKIT_INSTALL_HINT} (${err.message})`)));
    proc.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it reported a display`)));
    proc.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      proc.removeAllListeners('exit');
      resolve({ proc, display: `:${out.trim()}` });
    });
  });
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** Opens `url` in a fresh MiniBrowser (own profile, own display) and collects its console lines. */
export async function openInWebKit(url: string): Promise<WebKitPage> {
  const binary = miniBrowserPath();
  const { proc: xvfb, display } = await startXvfb();
  // A throwaway home: MiniBrowser keeps cookies and caches under XDG_DATA_HOME / XDG_CACHE_HOME.
  const home = mkdtempSync(join(tmpdir(), 'cci-webkit-'));
  const env = {
    ...process.env,
    DISPLAY: display,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  const browser = spawn(binary, ['--enable-write-console-messages-to-stdout=true', url], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: ConsoleLine[] = [];
  const waiters = new Set<() => void>();
  let exited = false;
  createInterface({ input: browser.stderr }).on('line', (raw) => {
    const line = parseConsoleLine(raw);
    if (line === undefined) {
      // A message with a line break: its later lines carry no prefix.
      const last = lines.at(-1);
      if (last && !/^\(MiniBrowser:\d+\)|^\*\*|^$/.test(raw)) last.text += `\n${raw}`;
      return;
    }
    lines.push(line);
    for (const w of waiters) w();
  });
  browser.once('exit', () => {
    exited = true;
    for (const w of waiters) w();
  });
  const spawned = new Promise<void>((resolve, reject) => {
    browser.once('spawn', resolve);
    browser.once('error', (err) => reject(new Error(`${WEBKIT_INSTALL_HINT} (${err.message})`)));
  });
  try {
    await spawned;
  } catch (err) {
    await stop(xvfb);
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
  return {
    lines,
    waitFor(done, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (lines.some(done)) finish();
          else if (exited) finish(new Error('MiniBrowser exited before the page finished'));
        };
        const timer = setTimeout(() => finish(new Error(`WebKit: timed out after ${timeoutMs} ms`)), timeoutMs);
        const finish = (err?: Error): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) reject(err);
          else resolve();
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      await stop(browser);
      await stop(xvfb);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
