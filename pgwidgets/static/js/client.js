// @ts-check
/**
 * Applies server messages to the page: creates widgets, calls their methods, answers
 * queries, forwards callbacks. Widget classes load on demand from `widgets/<Class>.js`, so
 * the page only fetches what the UI uses; frames are applied strictly in order.
 * @module client
 */

import { PayloadLost, PayloadReceiver } from './payload.js';

const CLASS_NAME = /^[A-Z][A-Za-z0-9]*$/;
const METHOD_NAME = /^[a-z][a-z0-9_]*$/;
/** methods the server may never call directly */
const FORBIDDEN = new Set(['constructor', 'build', 'emit', 'listen']);
/**
 * Widget classes nearly every UI uses: fetched while the WebSocket connects, so the first
 * frame does not wait for a chain of imports (VBox -> Box -> container -> widget).
 */
const PRELOAD = ['TopLevel', 'Box', 'VBox', 'HBox', 'Label', 'Button', 'TextEntry', 'CheckBox'];

export class Client {
  /**
   * @param {HTMLElement} root
   * @param {Record<string, any>} settings
   */
  constructor(root, settings = {}) {
    this.root = root;
    this.settings = settings;
    /** @type {Map<number, any>} */
    this.widgets = new Map();
    /** @type {Map<string, any>} */
    this.classes = new Map();
    /** @type {any} */
    this.connection = null;
    /** @type {Promise<void>} */
    this._chain = Promise.resolve();
    this.refusedShown = false;
    /** binary frames, reassembled into the payloads of `binary` headers (FIFO) */
    this.payloads = new PayloadReceiver();
    /** uploads in progress by transfer id (see upload.js): told of server refusals */
    /** @type {Map<number, {fail: (error: string) => void}>} */
    this.transfers = new Map();
    /** count of frames applied (tests wait on it) */
    this.applied = 0;
  }

  /**
   * Start importing the common widget classes (`settings.preload_widgets` overrides the
   * list) while the server answers the hello (`boot.js` has already opened the socket).
   * From our server's bundle this only runs their module code early.
   */
  preload() {
    this._preload(this.settings.preload_widgets || PRELOAD);
  }

  /**
   * Start importing widget classes now, without waiting (a failure is reported later, by
   * `loadClass`, only if the class is really used).
   * @param {string[]} names
   */
  _preload(names) {
    for (const name of names) {
      if (!CLASS_NAME.test(name)) continue;
      import(`./widgets/${name}.js`).then((mod) => {
        if (!this.classes.has(name)) this.classes.set(name, mod.default);
      }, () => {});
    }
  }

  /**
   * A frame of messages from the server; applied after earlier frames.
   * @param {any[]} messages
   */
  receive(messages) {
    // claim the payloads now, in header order (FIFO pairing): their chunks may arrive
    // after later text frames, which still wait (below) until this frame is applied
    for (const m of messages) {
      if (m && m.type === 'binary') m.payload = this.payloads.claim(m.size);
    }
    this._chain = this._chain.then(() => this._applyFrame(messages)).catch((err) => {
      console.error('pgwidgets: failed to apply a frame', err);
    });
  }

  /** A binary frame: a chunk of the oldest unfinished payload. @param {ArrayBuffer} data */
  receiveBinary(data) {
    this.payloads.add(data);
  }

  /** The socket closed: payloads cut short are given up (see PayloadReceiver.abandon). */
  connectionLost() {
    this.payloads.abandon('the connection closed before the payload was complete');
  }

  /** @param {any[]} messages */
  async _applyFrame(messages) {
    const needed = new Set();
    for (const m of messages) {
      if (m && m.type === 'create' && !this.classes.has(m.class)) needed.add(m.class);
    }
    if (needed.size) await Promise.all([...needed].map((c) => this.loadClass(c)));
    for (const m of messages) {
      try {
        if (m && m.type === 'binary') m.payload = await m.payload;
        this.apply(m);
      } catch (err) {
        if (err instanceof PayloadLost) { // an image comes again in the reconnect's rebuild
          console.warn('pgwidgets: binary', m.method, 'dropped:', err.message);
          continue;
        }
        const e = /** @type {Error} */ (err);
        console.error('pgwidgets: error applying', m && m.type, m && m.method, e);
        this.send({ type: 'error', error: `${m && m.type} ${m && (m.method || m.class) || ''}: ${e.message}`,
          stack: String(e.stack || '').slice(0, 4000) });
      }
    }
    this.applied += 1;
    this.root.removeAttribute('aria-busy');
  }

  /**
   * Import a widget module by class name (names are checked: no path tricks).
   * @param {string} name
   */
  async loadClass(name) {
    if (!CLASS_NAME.test(name)) throw new Error(`bad widget class name ${name}`);
    try {
      const mod = await import(`./widgets/${name}.js`);
      this.classes.set(name, mod.default);
    } catch (err) {
      console.error(`pgwidgets: cannot load widget class ${name}`, err);
      this.classes.set(name, null);
    }
  }

  /** @param {any} msg */
  apply(msg) {
    switch (msg.type) {
      case 'welcome':
        this.connection?.welcomed(msg);
        return;
      case 'reset':
        this.reset();
        return;
      case 'create':
        this.create(msg);
        return;
      case 'call':
        this.call(msg.wid, msg.method, msg.args || []);
        return;
      case 'binary':
        this.call(msg.wid, msg.method, msg.args || [], [msg.payload]);
        return;
      case 'upload-error':
        this.transfers.get(msg.transfer)?.fail(String(msg.error));
        return;
      case 'query':
        this.query(msg);
        return;
      case 'listen':
        this.widget(msg.wid).listen(msg.action);
        return;
      case 'destroy':
        this.destroyWidget(msg.wid);
        return;
      case 'page':
        this.page(msg.method, msg.args || []);
        return;
      case 'error':
        console.warn('pgwidgets: the server rejected a message:', msg.error);
        return;
      case 'refused':
        this.refusedShown = true;
        this.showMessage('Not available', msg.message || 'The server refused this session.', false);
        return;
      default:
        throw new Error(`unknown message type ${msg.type}`);
    }
  }

  reset() {
    for (const w of this.widgets.values()) {
      try { w.destroy(); } catch (err) { /* already gone */ }
    }
    this.widgets.clear();
    this.root.replaceChildren();
  }

  /** @param {any} msg */
  create(msg) {
    const Cls = this.classes.get(msg.class);
    if (!Cls) throw new Error(`unknown widget class ${msg.class}`);
    const args = this.resolve(msg.args || []);
    const options = this.resolve(msg.options || {});
    const w = Cls.create(this, msg.wid, args, options);
    this.widgets.set(msg.wid, w);
    for (const action of msg.listen || []) w.listen(action);
  }

  /** @param {number} wid */
  widget(wid) {
    const w = this.widgets.get(wid);
    if (!w) throw new Error(`unknown widget ${wid}`);
    return w;
  }

  /**
   * @param {number} wid
   * @param {string} method
   * @param {any[]} args
   * @param {any[]} [head] values passed first, unresolved (a binary payload)
   */
  call(wid, method, args, head = []) {
    const w = this.widget(wid);
    if (!METHOD_NAME.test(method) || FORBIDDEN.has(method) || typeof w[method] !== 'function') {
      throw new Error(`${w.constructor.name} has no method ${method}`);
    }
    return w[method](...head, ...this.resolve(args));
  }

  /** @param {any} msg */
  async query(msg) {
    try {
      let value;
      if (msg.wid === null || msg.wid === undefined) value = this.pageQuery(msg.method, msg.args || []);
      else value = this.call(msg.wid, msg.method, msg.args || []);
      value = await value;
      this.send({ type: 'result', id: msg.id, value: this.serialize(value) });
    } catch (err) {
      const e = /** @type {Error} */ (err);
      this.send({ type: 'error', id: msg.id, error: e.message || String(e),
        stack: String(e.stack || '').slice(0, 4000) });
    }
  }

  /** @param {number} wid */
  destroyWidget(wid) {
    const w = this.widgets.get(wid);
    if (!w) return;
    w.destroy();
  }

  /** Forget a widget (called by Widget.destroy for itself and its children). @param {any} w */
  forget(w) {
    if (this.widgets.get(w.wid) === w) this.widgets.delete(w.wid);
  }

  /**
   * Page-level calls: theme, opening URLs, title.
   * @param {string} method
   * @param {any[]} args
   */
  page(method, args) {
    if (method === 'set_theme') {
      // on the root, not the document: an embedding page's own theme is left alone
      const theme = String(args[0]);
      if (theme === 'auto') delete this.root.dataset.theme;
      else this.root.dataset.theme = theme;
    } else if (method === 'open_url') {
      window.open(String(args[0]), '_blank', 'noopener');
    } else if (method === 'set_title') {
      document.title = String(args[0]);
    } else if (method === 'show_error') {
      // the app's start-up code failed: say so instead of leaving a blank window
      this.showMessage(String(args[0]), String(args[1]), false);
    } else {
      throw new Error(`unknown page method ${method}`);
    }
  }

  /**
   * @param {string} method
   * @param {any[]} _args
   */
  pageQuery(method, _args) {
    if (method === 'get_screen_size') return [window.innerWidth, window.innerHeight];
    throw new Error(`unknown page query ${method}`);
  }

  /**
   * Replace `{__wid__: n}` references with widgets, deeply.
   * @param {any} value
   * @returns {any}
   */
  resolve(value) {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value && typeof value === 'object') {
      if (typeof value.__wid__ === 'number') return this.widget(value.__wid__);
      /** @type {Record<string, any>} */
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.resolve(v);
      return out;
    }
    return value;
  }

  /**
   * Make a value safe to send: widgets become references; cycles, DOM nodes and
   * functions become null.
   * @param {any} value
   * @param {Set<any>} [seen]
   * @returns {any}
   */
  serialize(value, seen = new Set()) {
    if (value === undefined || typeof value === 'function') return null;
    if (value === null || typeof value !== 'object') {
      return typeof value === 'number' && !Number.isFinite(value) ? null : value;
    }
    if (typeof value.wid === 'number' && this.widgets.get(value.wid) === value) {
      return { __wid__: value.wid, __class__: value.constructor.name };
    }
    if (seen.has(value) || value instanceof Node) return null;
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => this.serialize(v, seen));
    if (value instanceof Date) return value.toISOString();
    /** @type {Record<string, any>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.serialize(v, seen);
    return out;
  }

  /**
   * Forward a user action to Python.
   * @param {any} widget
   * @param {string} action
   * @param {any[]} args
   */
  sendCallback(widget, action, args) {
    this.send({ type: 'callback', wid: widget.wid, action, args: this.serialize(args) });
  }

  /** @param {any} msg */
  send(msg) {
    this.connection?.send(msg);
  }

  /**
   * Show a full-page message (text only, never HTML).
   * @param {string} title
   * @param {string} text
   * @param {boolean} offerRestart
   */
  showMessage(title, text, offerRestart) {
    const box = document.createElement('div');
    box.className = 'pgw-message';
    box.setAttribute('role', 'alert');
    const h = document.createElement('h1');
    h.textContent = title;
    const p = document.createElement('p');
    p.textContent = text;
    box.append(h, p);
    if (offerRestart) {
      const b = document.createElement('button');
      b.className = 'pgw-button';
      b.textContent = 'Start a new session';
      b.addEventListener('click', () => window.location.reload());
      box.append(b);
    }
    this.root.replaceChildren(box);
    this.root.removeAttribute('aria-busy');
  }
}
