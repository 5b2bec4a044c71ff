// Wires the port-backed channel, the inspected tab and chrome.storage into the plain <Panel>.
import { render } from 'preact';
import '../../src/ui/panel.css';
import { copyText } from '../../src/ui/copy-text';
import { Panel, type Theme } from '../../src/ui/Panel';
import { clearTab, hostAccess, openChannel, preserveLog, storagePrefs, tabIdFromPage, themeFromPage } from './host';

const app = document.getElementById('app')!;
const tabId = tabIdFromPage();

if (tabId === undefined) {
  app.textContent = 'Open this panel from DevTools, or add ?tabId=<id> to the address.';
} else {
  const channel = openChannel();
  const show = (theme: Theme) => {
    document.documentElement.dataset.theme = theme;
    render(
      <Panel channel={channel} tabId={tabId} prefs={storagePrefs} clear={() => clearTab(tabId)} setPreserveLog={(on) => preserveLog(tabId, on)} copy={(t) => copyText(t)} theme={theme} access={hostAccess} />,
      app,
    );
  };
  show(themeFromPage());
  // Follow DevTools when the user switches its theme (Chrome 99+).
  chrome.devtools?.panels?.setThemeChangeHandler?.((t) => show(t === 'dark' ? 'dark' : 'light'));
}
