// The two store packages (`npm run package`) from the two builds (`npm run build`, which `npm test`
// runs first), and Mozilla's linter on the Firefox one.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import webExt from 'web-ext';
import { beforeAll, describe, expect, test } from 'vitest';
import { packageAll, type Packages } from '../../scripts/package';

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
/** The manifest keys these tests read; anything else is unknown. */
interface Manifest {
  background: { service_worker?: string; scripts?: string[]; type?: string };
  minimum_chrome_version?: string;
  browser_specific_settings: { gecko: unknown };
  [key: string]: unknown;
}
let packages: Packages;

beforeAll(async () => {
  packages = await packageAll();
}, 60_000);

describe('packages', () => {
  test('the Chrome build keeps a service worker and no Firefox keys', () => {
    const m = manifest('dist');
    expect(m.background.service_worker).toBeTypeOf('string');
    expect(m.background.scripts).toBeUndefined();
    expect(m.browser_specific_settings).toBeUndefined();
  });

  test('the Firefox build has background scripts, a gecko id, a 128 floor and declares no data collection', () => {
    const m = manifest('dist-firefox');
    expect(m.background).toEqual({ scripts: [expect.any(String)], type: 'module' });
    expect(m.background.service_worker).toBeUndefined();
    expect(m.minimum_chrome_version).toBeUndefined();
    expect(m.browser_specific_settings.gecko).toEqual({
      id: '@cors-credentials-inspector',
      strict_min_version: '128.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  test('a Chrome Web Store zip and a Firefox .xpi, in release/', () => {
    expect(packages.chrome).toMatch(/release\/cors-credentials-inspector-[\d.]+-chrome\.zip$/);
    expect(packages.firefox).toMatch(/release\/cors-credentials-inspector-[\d.]+-firefox\.xpi$/);
    expect(statSync(packages.chrome).size).toBeGreaterThan(10_000);
    expect(statSync(packages.firefox).size).toBeGreaterThan(10_000);
  });

  test('web-ext lint reports no errors on the Firefox package (the .xpi itself)', async () => {
    const result = await webExt.cmd.lint(
      {
        sourceDir: packages.firefox,
        output: 'none',
        boring: true,
        selfHosted: false,
        warningsAsErrors: false,
        pretty: false,
        metadata: false,
        privileged: false,
      },
      { shouldExitProgram: false },
    );
    expect(result.errors.map((e) => `${e.code}: ${e.message} ${e.file ?? ''}`)).toEqual([]);
    expect(result.summary.errors).toBe(0);
  }, 60_000);
});
