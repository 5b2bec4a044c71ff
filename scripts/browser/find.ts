// `npm start` on a newcomer's machine: find the Chromium-family browser they already have (or
// Firefox for `--firefox`) in the usual places on Linux, macOS and Windows, or from an environment
// variable; on Debian or Ubuntu as root install Chromium (apt-get, said out loud); elsewhere say
// the one command that installs it. Chromium comes first: branded Chrome 137+ ignores
// --load-extension (README, "Install"), Edge and Brave take it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Family = 'chromium' | 'firefox';

/** What to look for: the environment variable, the command names on PATH, and fixed paths per OS. */
interface Wanted {
  env: string;
  commands: string[];
  paths: Partial<Record<NodeJS.Platform, string[]>>;
}

const win = (env: NodeJS.ProcessEnv, ...tail: string[]): string[] =>
  [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((d): d is string => !!d).map((d) => join(d, ...tail));

function wanted(family: Family, env: NodeJS.ProcessEnv): Wanted {
  if (family === 'firefox') {
    return {
      env: 'FIREFOX_PATH',
      commands: ['firefox-esr', 'firefox'],
      paths: {
        linux: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'],
        darwin: ['/Applications/Firefox.app/Contents/MacOS/firefox'],
        win32: win(env, 'Mozilla Firefox', 'firefox.exe'),
      },
    };
  }
  return {
    env: 'CHROMIUM_PATH',
    commands: ['chromium', 'chromium-browser', 'microsoft-edge', 'microsoft-edge-stable', 'brave-browser', 'google-chrome', 'google-chrome-stable'],
    paths: {
      linux: [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/snap/bin/chromium',
        '/usr/bin/microsoft-edge',
        '/usr/bin/brave-browser',
        '/usr/bin/google-chrome',
      ],
      darwin: [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ],
      win32: [
        ...win(env, 'Chromium', 'Application', 'chrome.exe'),
        ...win(env, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        ...win(env, 'BraveSoftware', 'Brave-Browser', 'Application', 'brave.exe'),
        ...win(env, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ],
    },
  };
}

/** Where the browser is, or undefined. An environment variable that names a missing file is not silently skipped. */
export function findBrowser(family: Family, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const w = wanted(family, env);
  const set = env[w.env];
  if (set) return existsSync(set) ? set : undefined;
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exe = platform === 'win32' ? '.exe' : '';
  for (const name of w.commands) for (const dir of onPath) if (existsSync(join(dir, name + exe))) return join(dir, name + exe);
  return (w.paths[platform] ?? []).find((p) => existsSync(p));
}

/** The one line that tells a user how to get the browser on their system. */
export function installHint(family: Family, platform: NodeJS.Platform = process.platform): string {
  const name = family === 'firefox' ? 'Firefox' : 'Chromium (or Chrome, Edge, Brave)';
  const variable = family === 'firefox' ? 'FIREFOX_PATH' : 'CHROMIUM_PATH';
  const how: Partial<Record<NodeJS.Platform, string>> = {
    linux: family === 'firefox' ? 'sudo apt-get install -y firefox-esr' : 'sudo apt-get install -y chromium',
    darwin: family === 'firefox' ? 'brew install --cask firefox' : 'brew install --cask chromium',
    win32: family === 'firefox' ? 'winget install Mozilla.Firefox' : 'winget install Hibbiki.Chromium',
  };
  return `No ${name} found. Install it with: ${how[platform] ?? how.linux!} (or set ${variable} to the browser's path).`;
}

const isDebianRoot = (): boolean => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version');

/**
 * The browser to start: found, or installed with apt-get on Debian/Ubuntu as root. Otherwise
 * undefined, after printing the one line that says how to install it (no stack trace).
 */
export function ensureBrowser(family: Family): string | undefined {
  const found = findBrowser(family);
  if (found) return found;
  if (isDebianRoot() && !process.env[wanted(family, process.env).env]) {
    const pkg = family === 'firefox' ? 'firefox-esr' : 'chromium';
    console.log(`No browser found: installing Debian's ${pkg} (apt-get update && apt-get install -y ${pkg}) ...`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok =
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env }).status === 0;
    const installed = ok ? findBrowser(family) : undefined;
    if (installed) return installed;
  }
  const variable = wanted(family, process.env).env;
  const set = process.env[variable];
  console.error(set ? `${variable} is ${set}, which does not exist. Unset it, or point it at the browser.` : installHint(family));
  return undefined;
}
