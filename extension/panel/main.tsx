// Wires the port-backed channel, the inspected tab and chrome.storage into the plain <Panel>.
import { render } from 'preact';
import '../../src/ui/panel.css';
import { copyText } from '../../src/ui/copy-text';
import { Panel } from '../../src/ui/Panel';
import { clearTab, openChannel, preserveLog, storagePrefs, tabIdFromPage, themeFromPage } from './host';

const app = document.getElementById('app')!;
const tabId = tabIdFromPage();
const theme = themeFromPage();
document.documentElement.dataset.theme = theme;
if (tabId === undefined) {
  app.textContent = 'Open this panel from DevTools, or add ?tabId=<id> to the address.';
} else {
  render(
    <Panel channel={openChannel()} tabId={tabId} prefs={storagePrefs} clear={() => clearTab(tabId)} setPreserveLog={(on) => preserveLog(tabId, on)} copy={(t) => copyText(t)} theme={theme} />,
    app,
  );
}
