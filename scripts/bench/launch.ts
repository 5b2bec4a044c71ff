// The benchmarks' own Chromium (profile.ts, serial.ts): puppeteer over a pipe, a given profile,
// and either one unpacked extension or none at all.
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../browser/chromium';

export function launchBenchChromium(profile: string, extensionDir: string | undefined): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: false,
    pipe: true,
    protocolTimeout: 60_000,
    userDataDir: profile,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs([
      '--headless=new',
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : ['--disable-extensions']),
    ]),
  });
}
