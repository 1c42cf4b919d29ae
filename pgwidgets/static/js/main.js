// @ts-check
/**
 * Entry point of the connector page: read settings, connect, render.
 *
 * The WebSocket URL is chosen in this order: the `?ws=` query parameter,
 * `window.PGWIDGETS_WS_URL` (set by a script an external server injects), the settings our
 * own server injects (a JSON block, `#pgwidgets-settings`), and otherwise `ws` beside the
 * page (same host and path prefix; `wss:` when the page is https).
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
 * @param {Record<string, any>} settings
 * @returns {string}
 */
export function chooseWsUrl(settings) {
  const query = new URLSearchParams(window.location.search).get('ws');
  if (query) return query;
  const injected = /** @type {any} */ (window).PGWIDGETS_WS_URL;
  if (typeof injected === 'string' && injected) return injected;
  if (typeof settings.ws_url === 'string' && settings.ws_url) return settings.ws_url;
  const url = new URL('ws', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return url.toString();
}

const settings = readSettings();
const root = /** @type {HTMLElement} */ (document.getElementById('pgw-root'));
const client = new Client(root, settings);
const connection = new Connection(chooseWsUrl(settings), client, settings);
client.connection = connection;
connection.connect();
/** exposed for debugging and tests only */
/** @type {any} */ (window).pgwidgets = { client, connection };
