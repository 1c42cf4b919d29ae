// @ts-check
/**
 * Entry point of the connector page: take over the socket `boot.js` opened, render.
 *
 * `boot.js` has already read the settings, chosen the WebSocket URL and opened the socket.
 * @module main
 */
import { early, settings, wsUrl } from './boot.js';
import { Client } from './client.js';
import { Connection } from './connection.js';

/**
 * Put back what stray text after `<head>` pushed into the body. The guide's Apache line
 * `Substitute "s|<head>|<head>\n…|"` writes a literal `n` there: the HTML parser then ends
 * the head early, so title, icon and stylesheet land in the body and the `n` shows.
 */
function tidyHead() {
  const root = document.getElementById('pgw-root');
  for (const node of [...document.body.childNodes]) {
    if (node === root) break;
    if (node.nodeType === Node.TEXT_NODE) {
      node.remove();
    } else if (node instanceof HTMLElement &&
               ['TITLE', 'META', 'LINK', 'STYLE', 'SCRIPT', 'BASE'].includes(node.tagName)) {
      document.head.append(node);
    }
  }
}

function start() {
  tidyHead();
  const root = /** @type {HTMLElement} */ (document.getElementById('pgw-root'));
  const client = new Client(root, settings);
  const connection = new Connection(wsUrl, client, settings);
  client.connection = connection;
  connection.connect(early);
  client.preload(); // the common widget classes, while the server answers the hello
  /** exposed for debugging and tests only */
  /** @type {any} */ (window).pgwidgets = { client, connection };
}

// as modules this runs after parsing; as our server's one-script bundle (`async`, see
// server/bundle.py) it may run before the body is there
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
