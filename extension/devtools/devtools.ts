// Creates the "CORS" panel and nothing else. Paths start with '/' (Firefox resolves them relative to the caller).
import { devtools } from '../platform';

// Chrome's callback form returns nothing and Firefox returns a promise: there is nothing to wait for either
// way, since DevTools shows the panel when the user (or the start script) opens it.
void devtools?.panels.create('CORS', '/icons/icon-32.png', '/extension/panel/panel.html');
