// @ts-check
/**
 * Entry point of the connector page: read settings, connect, render.
 *
 * The WebSocket URL is chosen in this order: the `?ws=` query parameter,
 * `window.PGWIDGETS_WS_URL` (set by a script an external server injects), the settings our
 * own server injects (a JSON block, `#pgwidgets-settings`: `ws_url`, or `ws_port` for a
 * WebSocket on another port of the page's own host), and otherwise `ws` beside the page
 * (same host and path prefix; `wss:` when the page is https).
 * @module main
 */
import { Client } from './client.js';
import { Connection } from './connection.js';

/** @returns {Record<string, any>} */
function readSettings() {
  const block = document.getElementById('pgwidgets-settings');
  if (!block) return {};
  try {
    return JSON.parse(block.textContent || '{}');
  } catch (err) {
    console.warn('pgwidgets: ignoring malformed settings block', err);
    return {};
  }
}

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

/**
 * An injected URL with the page's port put back when the server wrote the page's host
 * without it: nginx's `ws://$host/ws` ($host drops the port) on a page at `host:8080`.
 * @param {string} wsUrl
 * @returns {string}
 */
export function restorePort(wsUrl) {
  const page = window.location;
  let url;
  try {
    url = new URL(wsUrl, page.href);
  } catch {
    return wsUrl;
  }
  if (url.port || !page.port || url.hostname !== page.hostname) return wsUrl;
  if ((url.protocol === 'wss:') !== (page.protocol === 'https:')) return wsUrl;
  url.port = page.port;
  return url.toString();
}

/**
 * @param {Record<string, any>} settings
 * @returns {string}
 */
export function chooseWsUrl(settings) {
  const query = new URLSearchParams(window.location.search).get('ws');
  if (query) return query;
  const injected = /** @type {any} */ (window).PGWIDGETS_WS_URL;
  if (typeof injected === 'string' && injected) return restorePort(injected);
  if (typeof settings.ws_url === 'string' && settings.ws_url) return settings.ws_url;
  if (Number.isInteger(settings.ws_port) && settings.ws_port > 0) {
    // e.g. FastAPI/Flask serve the page; pgwidgets listens on its own port of this host
    const url = new URL('/ws', window.location.href);
    url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.port = String(settings.ws_port);
    return url.toString();
  }
  const url = new URL('ws', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return url.toString();
}

tidyHead();
const TOKEN_STORE = 'pgwidgets_auth_token';

/**
 * base64url of the UTF-8 bytes (a subprotocol name allows only "token" characters).
 * @param {string} text
 * @returns {string}
 */
function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * WebSocket-only mode (another server serves this page): an access token on the page URL
 * (`?token=`) is taken out of the address bar at once (history, Referer) and kept for this
 * tab only. Our own server never lets the token reach the page: it swaps it for a cookie.
 * @returns {string | null}
 */
function takeToken() {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_STORE, token);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_STORE);
}

const settings = readSettings();
const token = takeToken();
if (token && !settings.ws_protocols) {
  // sent in Sec-WebSocket-Protocol, never in a URL; the server answers "pgwidgets"
  settings.ws_protocols = ['pgwidgets', 'pgwidgets.token.' + base64url(token)];
}
const root = /** @type {HTMLElement} */ (document.getElementById('pgw-root'));
const client = new Client(root, settings);
const connection = new Connection(chooseWsUrl(settings), client, settings);
client.connection = connection;
connection.connect();
client.preload(); // after connect(): the socket goes out first
/** exposed for debugging and tests only */
/** @type {any} */ (window).pgwidgets = { client, connection };
