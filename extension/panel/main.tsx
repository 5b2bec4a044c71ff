// Wires the port-backed channel, the inspected tab, the theme and storage into the plain <Panel>.
import { render } from 'preact';
import '../../src/ui/panel.css';
import { copyText } from '../../src/ui/copy-text';
import { Panel } from '../../src/ui/Panel';
import { hostAccess, openChannel, storagePrefs } from '../host';
import { onThemeChange, pageTabId, pageTheme, type Theme } from '../page-context';

const app = document.getElementById('app')!;

void pageTabId().then((tabId) => {
  if (tabId === undefined) {
    app.textContent = 'Open this panel from DevTools, or add ?tabId=<id> to the address.';
    return;
  }
  const channel = openChannel();
  const show = (theme: Theme) => {
    document.documentElement.dataset.theme = theme;
    render(<Panel channel={channel} tabId={tabId} prefs={storagePrefs} copy={copyText} theme={theme} access={hostAccess} />, app);
  };
  show(pageTheme());
  onThemeChange(show);
});
