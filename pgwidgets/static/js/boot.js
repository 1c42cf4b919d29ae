// @ts-check
/**
 * The first thing the page runs: settings, the WebSocket URL and the first socket.
 *
 * Loaded as an `async` module with no imports, so it runs as soon as it arrives, before
 * the rest of the client has been fetched and compiled. Browsers open WebSockets to one
 * server one after another (RFC 6455 §4.1), so when many pages open at once every page
 * that connects late holds up the ones behind it; measured with 20 pages at once, opening
 * the socket here instead of after the client's modules saved ~0.5 s per page. Frames
 * that arrive before `connection.js` takes the socket over are kept and handed to it in
 * order.
 *
 * The WebSocket URL is chosen in this order: the `?ws=` query parameter,
 * `window.PGWIDGETS_WS_URL` (set by a script an external server injects), the settings our
 * own server injects (a JSON block, `#pgwidgets-settings`: `ws_url`, or `ws_port` for a
 * WebSocket on another port of the page's own host), and otherwise `ws` beside the page
 * (same host and path prefix; `wss:` when the page is https).
 *
 * `?ws=` is part of the page's address, so anyone can write it into a link: it is obeyed
 * only when it names a WebSocket on a trusted origin - the page's own, the one the server
 * chose (the other sources above, which only the page's server can set), or one listed in
 * the settings' `ws_origins` (`Application(ws_origins=[...])`). Anything else is refused
 * before any socket is opened, so no credential (the tab's reconnect credential, an access
 * token) ever reaches a server the link chose.
 * @module boot
 */

export const STORE_ID = 'pgwidgets_session_id';
export const STORE_TOKEN = 'pgwidgets_session_token';
const TOKEN_STORE = 'pgwidgets_auth_token';

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
 * The WebSocket URL the page's own server chose (every source but `?ws=`).
 * @param {Record<string, any>} settings
 * @returns {string}
 */
export function serverWsUrl(settings) {
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

/**
 * `scheme://host[:port]` of a URL in web-page terms (`ws:` is `http:`, `wss:` is
 * `https:`), or null when it is not a ws/wss/http/https URL.
 * @param {string} text
 * @returns {string | null}
 */
export function pageOrigin(text) {
  let url;
  try {
    url = new URL(text, window.location.href);
  } catch {
    return null;
  }
  const schemes = /** @type {Record<string, string>} */ (
    { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' });
  const scheme = schemes[url.protocol];
  if (!scheme || !url.hostname) return null;
  const port = url.port && url.port !== (scheme === 'https:' ? '443' : '80') ? ':' + url.port : '';
  return `${scheme}//${url.hostname.toLowerCase()}${port}`;
}

/** A `?ws=` the page will not obey (see the module comment). */
export class UntrustedWsUrl extends Error {
  /** @param {string} url */
  constructor(url) {
    super(`The link asks this page to connect to ${url}, which is not this application's ` +
      'server, so the page did not connect. Open the application\'s address without ' +
      '"?ws=", or, if that server is yours, have whoever runs the application list its ' +
      'origin in Application(ws_origins=[...]).');
    this.name = 'UntrustedWsUrl';
    this.url = url;
  }
}

/**
 * The WebSocket URL: `?ws=` when it names a trusted origin, else the server's choice.
 * @param {Record<string, any>} settings
 * @returns {string}
 * @throws {UntrustedWsUrl} `?ws=` names another origin
 */
export function chooseWsUrl(settings) {
  const trusted = serverWsUrl(settings);
  const query = new URLSearchParams(window.location.search).get('ws');
  if (query === null || query === '') return trusted;
  let url;
  try {
    url = new URL(query, window.location.href);
  } catch {
    throw new UntrustedWsUrl(query);
  }
  const origin = pageOrigin(url.href);
  const listed = Array.isArray(settings.ws_origins) ? settings.ws_origins : [];
  const allowed = new Set([window.location.origin, pageOrigin(trusted),
    ...listed.map((/** @type {any} */ o) => pageOrigin(String(o)))]);
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.username || url.password ||
      origin === null || !allowed.has(origin)) {
    throw new UntrustedWsUrl(query);
  }
  return url.href;
}

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
 * (`#token=`, which reaches no server and so no log, or `?token=`) is taken out of the
 * address bar at once (history, Referer) and kept for this tab only. Our own server never
 * lets the token reach the page: it swaps it for a cookie.
 * @returns {string | null}
 */
function takeToken() {
  const url = new URL(window.location.href);
  const hash = new URLSearchParams(url.hash.slice(1));
  const token = hash.get('token') || url.searchParams.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_STORE, token);
    url.searchParams.delete('token');
    hash.delete('token');
    url.hash = hash.toString();
    history.replaceState(history.state, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_STORE);
}

/** The first message on every socket: this tab's session credentials, if any. */
export function helloMessage() {
  return JSON.stringify({
    type: 'hello',
    session_id: sessionStorage.getItem(STORE_ID) || undefined,
    token: sessionStorage.getItem(STORE_TOKEN) || undefined,
    width: window.innerWidth,
    height: window.innerHeight,
  });
}

/**
 * Open a socket that says hello as soon as it is open.
 * @param {string} url
 * @param {string[] | undefined} protocols
 * @returns {WebSocket}
 */
export function openSocket(url, protocols) {
  const ws = new WebSocket(url, protocols);
  ws.binaryType = 'arraybuffer';
  ws.addEventListener('open', () => ws.send(helloMessage()));
  return ws;
}

/**
 * The first socket and what happened on it before anyone listened.
 */
export class EarlySocket {
  /**
   * @param {string | null} url null: open nothing (see `failed`)
   * @param {string[] | undefined} protocols
   */
  constructor(url, protocols) {
    /** @type {WebSocket | null} */
    this.ws = null;
    /** @type {Event[]} open, message and close events, in order */
    this.events = [];
    /** @type {unknown} why the socket could not even be made */
    this.error = null;
    /** @type {((ev: Event) => void) | null} */
    this._sink = null;
    if (url === null) return;
    try {
      this.ws = openSocket(url, protocols);
    } catch (err) {
      this.error = err;
      return;
    }
    const keep = (/** @type {Event} */ ev) => {
      if (this._sink) this._sink(ev);
      else this.events.push(ev);
    };
    for (const type of ['open', 'message', 'close']) this.ws.addEventListener(type, keep);
  }

  /**
   * A socket that was never opened, and why.
   * @param {unknown} error
   * @returns {EarlySocket}
   */
  static failed(error) {
    const early = new EarlySocket(null, undefined);
    early.error = error;
    return early;
  }

  /**
   * Replay the kept events to `sink`, then send it every later one.
   * @param {(ev: Event) => void} sink
   */
  handOver(sink) {
    this._sink = sink;
    const events = this.events;
    this.events = [];
    for (const ev of events) sink(ev);
  }
}

export const settings = readSettings();
const token = takeToken();
if (token && !settings.ws_protocols) {
  // sent in Sec-WebSocket-Protocol, never in a URL; the server answers "pgwidgets"
  settings.ws_protocols = ['pgwidgets', 'pgwidgets.token.' + base64url(token)];
}
/** @type {UntrustedWsUrl | null} a refused `?ws=`: nothing is opened, the page says why */
let refused = null;
let chosen = '';
try {
  chosen = chooseWsUrl(settings);
} catch (err) {
  if (!(err instanceof UntrustedWsUrl)) throw err;
  refused = err;
  console.warn('pgwidgets: ' + err.message);
}
export const wsUrl = chosen;
export const early = refused ? EarlySocket.failed(refused)
  : new EarlySocket(wsUrl, settings.ws_protocols || undefined);
