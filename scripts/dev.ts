// `npm run dev`: the crxjs dev server (hot reload; it writes a loader extension into dist/), the
// CORS lab, and Chromium loading that extension on the lab page. Ctrl+C stops all three.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';
import { banner, hasDisplay, startSession } from './session';

const headless = process.argv.includes('--headless') || !hasDisplay();
const dir = resolve(process.env.EXTENSION_DIR ?? 'dist');

/** crxjs writes the dev build when the server starts; wait for a manifest newer than `since`. */
async function waitForManifest(since: number): Promise<void> {
  const manifest = join(dir, 'manifest.json');
  const deadline = Date.now() + 60_000;
  while (!(existsSync(manifest) && statSync(manifest).mtimeMs >= since)) {
    if (Date.now() > deadline) throw new Error(`The crxjs dev server did not write ${manifest}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const since = Date.now() - 1000;
  const server = await createServer({ configFile: resolve('vite.config.ts'), build: { outDir: dir, emptyOutDir: true } });
  await server.listen();
  await waitForManifest(since);
  const s = await startSession(dir, headless, [() => server.close()]);
  console.log(
    banner(s, [
      `  vite dev server ${server.resolvedUrls?.local[0] ?? '(no URL)'} (crxjs hot reload into ${dir})`,
      '  stop            Ctrl+C (or SIGTERM) stops Chromium, the lab and the dev server',
    ]),
  );
  console.log('Edit extension/ or src/: the panel reloads; background changes reload the extension.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
