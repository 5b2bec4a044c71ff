// The toolbar popup: the same store fed by the same port, for the active tab (or ?tabId=).
import { render } from 'preact';
import '../../src/ui/panel.css';
import { Popup } from '../../src/ui/Popup';
import { hostAccess, openChannel, storagePrefs } from '../panel/host';

async function activeTab(): Promise<number | undefined> {
  const q = new URLSearchParams(location.search).get('tabId');
  if (q !== null && /^\d+$/.test(q)) return Number(q);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const theme = new URLSearchParams(location.search).get('theme') === 'dark' || matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;
const app = document.getElementById('app')!;
// The pause switch lives in storage.local; the worker and the page scripts follow its changes.
const setWatching = (on: boolean) => void chrome.storage.local.set({ paused: !on }).catch(() => {});
void Promise.all([activeTab(), chrome.storage.local.get('paused')]).then(([tabId, stored]) => {
  const watching = { on: stored.paused !== true, set: setWatching };
  if (tabId === undefined) app.textContent = 'No tab.';
  else render(<Popup channel={openChannel()} tabId={tabId} prefs={storagePrefs} theme={theme} watching={watching} access={hostAccess} />, app);
});
