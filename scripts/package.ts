// `npm run package`: the two store packages, from the two builds (`npm run build` first), into
// release/ (git-ignored): a Chrome Web Store zip from dist/ and a Firefox .xpi from dist-firefox/.
// Both are zipped by web-ext's `build` (Mozilla's packager; it zips any directory holding a
// manifest.json), so no second zip tool is needed.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webExt from 'web-ext';

export const RELEASE_DIR = resolve('release');

export interface Packages {
  chrome: string;
  firefox: string;
}

async function zip(sourceDir: string, filename: string): Promise<string> {
  if (!existsSync(join(sourceDir, 'manifest.json'))) throw new Error(`No build in ${sourceDir}: run \`npm run build\` first.`);
  const result = await webExt.cmd.build({ sourceDir, artifactsDir: RELEASE_DIR, filename, overwriteDest: true }, { showReadyMessage: false });
  return result.extensionPath;
}

export async function packageAll(): Promise<Packages> {
  const { version } = JSON.parse(readFileSync(resolve('dist/manifest.json'), 'utf8')) as { version: string };
  return {
    chrome: await zip(resolve('dist'), `cors-credentials-inspector-${version}-chrome.zip`),
    firefox: await zip(resolve('dist-firefox'), `cors-credentials-inspector-${version}-firefox.xpi`),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  packageAll().then(
    (p) => console.log(`Chrome Web Store: ${p.chrome}\nFirefox (AMO):    ${p.firefox}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
