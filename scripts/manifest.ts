// The manifest is Chrome-shaped (manifest.json); Firefox's differs in a few keys (MDN, "Chrome incompatibilities").
import type { ManifestV3Export } from '@crxjs/vite-plugin';

type Manifest = Extract<ManifestV3Export, { manifest_version: number }>;

/** The add-on id Firefox needs for an MV3 extension (AMO signing, storage). */
export const GECKO_ID = '@cors-credentials-inspector';

export function forBrowser(base: Manifest, browser: 'chrome' | 'firefox'): Manifest {
  if (browser === 'chrome') return base;
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = base;
  if (!background || !('service_worker' in background)) throw new Error('manifest.json: background.service_worker expected');
  return {
    ...rest,
    // Firefox puts a new extension's button in the Extensions panel unless the manifest names an
    // area (MDN manifest.json "action", default_area); the badge counts only where it is seen.
    action: { ...rest.action, default_area: 'navbar' } as Manifest['action'],
    // Firefox has no extension service worker (bug 1573659): an event page. crxjs reads scripts[0].
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // Content scripts in the MAIN world (our page hook) need Firefox 128 (MDN
        // content_scripts "world"); storage.session (115) and action badges (109) are older.
        strict_min_version: '128.0',
        // Firefox's built-in data consent: the extension collects and sends nothing.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
