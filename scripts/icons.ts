// Renders scripts/icon.svg (kept out of public/, which ships whole) to the PNG sizes the manifest names, with Debian's Chromium.
// Run by hand after changing the SVG: `npx tsx scripts/icons.ts`.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath, chromiumArgs } from './browser/chromium';

const svg = readFileSync('scripts/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}`);
  await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
