// Creates the "CORS" panel and nothing else. Paths start with '/' (Firefox resolves them relative to the caller).
chrome.devtools.panels.create('CORS', '/icons/icon-32.png', '/extension/panel/panel.html');
