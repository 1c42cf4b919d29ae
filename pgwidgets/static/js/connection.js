// @ts-check
/**
 * The only module that touches the WebSocket: connect, hello, reconnect with capped
 * exponential backoff and a visible indicator, and the rejection page.
 * @module connection
 */

import { STORE_ID, STORE_TOKEN, UntrustedWsUrl, openSocket } from './boot.js';

const MIN_DELAY = 250;
const MAX_DELAY = 5000;
/** failed upgrades in a row before asking the server whether access was refused */
const REFUSAL_PROBE = 3;

export class Connection {
  /**
   * @param {string} url
   * @param {import('./client.js').Client} client
   * @param {Record<string, any>} settings
   */
  constructor(url, client, settings = {}) {
    this.url = url;
    this.client = client;
    this.settings = settings;
    /** @type {WebSocket | null} */
    this.ws = null;
    this._delay = MIN_DELAY;
    this._stopped = false;
    /** @type {HTMLElement | null} */
    this.$indicator = null;
    /** @type {any[]} */
    this._backlog = [];
    this.everConnected = false;
    /** upgrades that failed before opening, in a row (a 401/403 looks like this) */
    this._refusedInARow = 0;
  }

  /**
   * Open a socket (it says hello itself once open), or take over the one `boot.js`
   * opened while the client's modules loaded, with the events it has seen so far.
   * @param {import('./boot.js').EarlySocket | null} early
   */
  connect(early = null) {
    if (this._stopped) return;
    if (early && early.error) {
      this._stopped = true;
      if (early.error instanceof UntrustedWsUrl) this._fatal('Link refused', early.error.message);
      else this._fatal('Cannot connect', String(early.error));
      return;
    }
    let ws;
    try {
      ws = early?.ws || openSocket(this.url, this.settings.ws_protocols || undefined);
    } catch (err) {
      this._fatal('Cannot connect', String(err));
      return;
    }
    this.ws = ws;
    const handle = (/** @type {Event} */ ev) => {
      if (ev.type === 'open') this._refusedInARow = 0;
      else if (ev.type === 'message') this._onMessage(/** @type {MessageEvent} */ (ev));
      else if (ev.type === 'close') this._onClose(/** @type {CloseEvent} */ (ev));
    };
    if (early) {
      early.handOver(handle);
    } else {
      for (const type of ['open', 'message', 'close']) ws.addEventListener(type, handle);
    }
  }

  /** @param {MessageEvent} ev */
  _onMessage(ev) {
    if (typeof ev.data !== 'string') {
      this.client.receiveBinary(ev.data);
      return;
    }
    let data;
    try {
      data = JSON.parse(ev.data);
    } catch (err) {
      console.error('pgwidgets: malformed frame from server', err);
      return;
    }
    this.client.receive(Array.isArray(data) ? data : [data]);
  }

  /** Called by the client when the server welcomed us. @param {any} msg */
  welcomed(msg) {
    sessionStorage.setItem(STORE_ID, msg.session_id);
    sessionStorage.setItem(STORE_TOKEN, msg.token);
    this._delay = MIN_DELAY;
    this.everConnected = true;
    this._showIndicator(false);
    const backlog = this._backlog;
    this._backlog = [];
    for (const m of backlog) this.send(m);
  }

  /** @param {CloseEvent} ev */
  _onClose(ev) {
    this.ws = null;
    this.client.connectionLost();
    if (ev.code >= 4000 && ev.code <= 4999) {
      this._stopped = true;
      if (ev.code === 4000 || ev.code === 4001) {
        sessionStorage.removeItem(STORE_ID);
        sessionStorage.removeItem(STORE_TOKEN);
      }
      if (!this.client.refusedShown) {
        this._fatal(ev.code === 4000 ? 'Session ended' : 'Connection refused',
          ev.reason || 'The server closed this session.');
      }
      return;
    }
    this._showIndicator(true);
    if (ev.code === 1006 && ++this._refusedInARow % REFUSAL_PROBE === 0) this._probeAccess();
    const delay = this._delay * (0.8 + Math.random() * 0.4);
    this._delay = Math.min(this._delay * 2, MAX_DELAY);
    setTimeout(() => this.connect(), delay);
  }

  /**
   * The WebSocket keeps failing before it opens: find out why. A browser cannot see the
   * status of a refused upgrade, so ask the WebSocket's server (`?pgwidgets_why`, see
   * auth/middleware.py) whether this page's host name or origin is refused, and the page's
   * own server whether the login expired or was revoked (the page URL answers 401/403).
   * A refusal is then shown with what to change, instead of "Connecting…" forever.
   */
  async _probeAccess() {
    const why = await this._askWhy();
    if (this._stopped) return;
    if (why && (why.refused === 'host' || why.refused === 'origin')) {
      this._stopped = true;
      this._fatal(why.refused === 'host' ? 'Unknown host name' : 'Connection refused',
        why.message || 'The server refused this page.');
      return;
    }
    let status = 0;
    try {
      status = (await fetch(window.location.href, { method: 'HEAD', cache: 'no-store',
        credentials: 'same-origin' })).status;
    } catch {
      return; // the server is away: keep trying
    }
    if (this._stopped) return;
    if (status === 401 || status === 403) {
      this._stopped = true;
      this._fatal(status === 401 ? 'Sign-in required' : 'Access refused',
        'The server no longer accepts this page\'s credentials. Reload the page to sign in again.');
    } else if (why && why.auth === true) {
      // another server serves this page: it cannot tell; the WebSocket's server wants a login
      this._showIndicator(true, 'Still connecting: the application\'s server has not ' +
        'accepted this page\'s sign-in. Open the link you were given (with its token) ' +
        'again, or sign in again.');
    }
  }

  /**
   * Ask the WebSocket's server whether it refuses this page, and why (no credentials).
   * @returns {Promise<{refused?: string | null, message?: string, auth?: boolean} | null>}
   */
  async _askWhy() {
    let url;
    try {
      url = new URL(this.url);
    } catch {
      return null;
    }
    url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    url.search = '?pgwidgets_why';
    url.hash = '';
    try {
      const answer = await fetch(url.href, { cache: 'no-store', credentials: 'omit' });
      if (!answer.ok) return null;
      const data = await answer.json();
      if (!data || typeof data !== 'object') return null;
      return {
        refused: typeof data.refused === 'string' ? data.refused : null,
        message: typeof data.message === 'string' ? data.message.slice(0, 600) : '',
        auth: data.auth === true,
      };
    } catch {
      return null; // not our server, or unreachable: keep trying
    }
  }

  /**
   * Send a message; while disconnected, callbacks wait (bounded) for the reconnect.
   * @param {any} msg
   */
  send(msg) {
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(msg));
    } else if (msg.type === 'callback' && this._backlog.length < 100) {
      this._backlog.push(msg);
    }
  }

  /**
   * Send a binary frame (an upload chunk); false when not connected.
   * @param {ArrayBuffer|Uint8Array} data
   */
  sendBinary(data) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(data);
    return true;
  }

  /** Bytes queued in the socket and not yet sent (uploads wait while it is high). */
  get bufferedAmount() { return this.ws ? this.ws.bufferedAmount : 0; }

  /**
   * @param {boolean} on
   * @param {string} [text] what to say instead of "Connecting…"/"reconnecting…"
   */
  _showIndicator(on, text) {
    if (on && this.$indicator && text) {
      this.$indicator.textContent = text;
    } else if (on && !this.$indicator) {
      const el = document.createElement('div');
      el.className = 'pgw-reconnecting';
      el.setAttribute('role', 'status');
      el.setAttribute('aria-live', 'polite');
      el.textContent = text || (this.everConnected ? 'Connection lost \u2014 reconnecting\u2026'
        : 'Connecting\u2026');
      document.body.appendChild(el);
      this.$indicator = el;
    } else if (!on && this.$indicator) {
      this.$indicator.remove();
      this.$indicator = null;
    }
  }

  /**
   * Replace the UI with a message (text only) and a link to start over.
   * @param {string} title
   * @param {string} text
   */
  _fatal(title, text) {
    this._showIndicator(false);
    this.client.showMessage(title, text, true);
  }
}
