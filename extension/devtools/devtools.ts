// Creates the "CORS" panel and nothing else. Paths start with '/' (Firefox resolves them relative to the caller).
import { devtools } from '../platform';

devtools?.panels.create('CORS', '/icons/icon-32.png', '/extension/panel/panel.html');
