// The toolbar popup: the same store fed by the same port, for the active tab (or ?tabId=).
import { render } from 'preact';
import '../../src/ui/panel.css';
import { copyText } from '../../src/ui/copy-text';
import { Popup } from '../../src/ui/Popup';
import { hostAccess, openChannel, storagePrefs, toolbarPin, watchingSwitch } from '../host';
import { showForTab } from '../page-context';

const app = document.getElementById('app')!;
let channel: ReturnType<typeof openChannel> | undefined;

void Promise.all([watchingSwitch(), toolbarPin()]).then(([watching, pin]) =>
  showForTab(app, 'No tab.', (tabId, theme) =>
    render(
      <Popup
        channel={(channel ??= openChannel())}
        tabId={tabId}
        prefs={storagePrefs}
        copy={copyText}
        theme={theme}
        watching={watching}
        access={hostAccess}
        pin={pin}
      />,
      app,
    ),
  ),
);
