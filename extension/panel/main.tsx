// Wires the port-backed channel, the inspected tab, the theme and storage into the plain <Panel>.
import { render } from 'preact';
import '../../src/ui/panel.css';
import { copyText } from '../../src/ui/copy-text';
import { Panel } from '../../src/ui/Panel';
import { hostAccess, openChannel, storagePrefs, tryFix } from '../host';
import { showForTab } from '../page-context';

const app = document.getElementById('app')!;
let channel: ReturnType<typeof openChannel> | undefined;

void showForTab(app, 'Open this panel from DevTools, or add ?tabId=<id> to the address.', (tabId, theme) =>
  render(
    <Panel channel={(channel ??= openChannel())} tabId={tabId} prefs={storagePrefs} copy={copyText} theme={theme} access={hostAccess} tryFix={tryFix} />,
    app,
  ),
);
