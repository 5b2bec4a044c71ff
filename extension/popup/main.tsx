// The toolbar popup: the same store fed by the same port, for the active tab (or ?tabId=).
import { render } from 'preact';
import '../../src/ui/panel.css';
import { copyText } from '../../src/ui/copy-text';
import { Popup } from '../../src/ui/Popup';
import { hostAccess, openChannel, storagePrefs, watchingSwitch } from '../host';
import { onThemeChange, pageTabId, pageTheme, type Theme } from '../page-context';

const app = document.getElementById('app')!;

void Promise.all([pageTabId(), watchingSwitch()]).then(([tabId, watching]) => {
  if (tabId === undefined) {
    app.textContent = 'No tab.';
    return;
  }
  const channel = openChannel();
  const show = (theme: Theme) => {
    document.documentElement.dataset.theme = theme;
    render(<Popup channel={channel} tabId={tabId} prefs={storagePrefs} copy={copyText} theme={theme} watching={watching} access={hostAccess} />, app);
  };
  show(pageTheme());
  onThemeChange(show);
});
