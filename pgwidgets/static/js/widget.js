// @ts-check
/**
 * Widget: the base of every visual widget. It builds the DOM skeleton (`this.$el`), holds
 * the methods every widget shares (visibility, size, colours, font, tooltip, enabled...)
 * and forwards user actions with `emit`. Subclasses override `build(args, options)`, which
 * `Widget.create` calls once the object (class fields included) is constructed.
 *
 * Rules every widget follows:
 * - user text goes through `textContent`, never `innerHTML`;
 * - colours and sizes come from CSS custom properties (`--pgw-*`); per-instance colours set
 *   variables on the element, not raw properties, so themes still apply;
 * - setters called from Python never `emit` (no echo); only user input does;
 * - pointer events (not mouse events) for drags, so touch and pen work.
 *
 * Measured size (`get_size`, the `resize`/`map` callbacks) lives in `measure.js`.
 * @module widget
 */

import {
  SIZE_CHANNEL, answerSize, expectSize, forgetSize, holdSize, measureSoon, observeSize, reportSize,
  userResized,
} from './measure.js';

/**
 * An image drawn at `width` x `height` CSS pixels, as a PNG data URL.
 * @param {string} url
 * @param {number} width
 * @param {number} height
 * @returns {Promise<string>}
 */
export async function rasterize(url, width, height) {
  const img = new Image();
  img.src = url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.drawImage(img, 0, 0, width, height);
  return canvas.toDataURL('image/png'); // throws for a cross-origin image
}

/**
 * @param {string} name
 * @returns {string}
 */
export function kebab(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** @type {WeakMap<Function, string>} the classes every element of a widget class gets */
const CLASS_NAMES = new WeakMap();

/** @param {Function} ctor */
function classNameOf(ctor) {
  let name = CLASS_NAMES.get(ctor);
  if (name === undefined) {
    name = `pgw-widget pgw-${kebab(ctor.name)}`;
    CLASS_NAMES.set(ctor, name);
  }
  return name;
}

/**
 * @param {any} v
 * @returns {string}
 */
export function cssSize(v) {
  return typeof v === 'number' ? `${v}px` : String(v);
}

let idCounter = 0;
/** A page-unique DOM id. @param {string} prefix */
export function uid(prefix = 'pgw') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export class Widget {
  /** The element tag the skeleton uses. */
  static tag = 'div';

  /**
   * @param {import('./client.js').Client} client
   * @param {number} wid
   * @param {any[]} args positional constructor arguments
   * @param {Record<string, any>} options constructor options
   */
  constructor(client, wid, args = [], options = {}) {
    this.client = client;
    this.wid = wid;
    this.options = options;
    /** @type {Widget | null} */
    this.parent = null;
    /** @type {Set<string>} */
    this._listen = new Set();
    /** @type {[number, number] | null} */
    this._lastSize = null;
    this._mapped = false;
    /** @type {[number, number] | null} the size Python holds (null: unknown, report) */
    this._knownSize = null;
    /** @type {any[] | null} the last `resize` args Python has: a report's basis */
    this._sizeBasis = null;
    /** a user resize is in progress: its own callback tells Python (no `_size` then) */
    this._sizeHeld = false;
    const ctor = /** @type {typeof Widget} */ (this.constructor);
    /** @type {HTMLElement} */
    this.$el = document.createElement(ctor.tag);
    this.$el.className = classNameOf(ctor);
    /** @type {any} */ (this.$el).__pgw = this;
  }

  /**
   * Make a widget: construct it, then `build` it. Building after the constructor has
   * returned means a subclass's class fields (`items = []`) are already set when its
   * `build` runs; a base constructor that called `build` would run it before them, and
   * the field initialisers would then overwrite what `build` made. Always create widgets
   * this way (`client.js`, and widgets that make inner widgets).
   * @template {typeof Widget} T
   * @this {T}
   * @param {import('./client.js').Client} client
   * @param {number} wid
   * @param {any[]} args positional constructor arguments
   * @param {Record<string, any>} options constructor options
   * @returns {InstanceType<T>}
   */
  static create(client, wid, args = [], options = {}) {
    const w = /** @type {InstanceType<T>} */ (new this(client, wid, args, options));
    w.build(args, options);
    return w;
  }

  /**
   * Fill the skeleton; subclasses override.
   * @param {any[]} _args
   * @param {Record<string, any>} _options
   */
  build(_args, _options) {}

  /**
   * Forward a user action to Python if Python listens to it.
   * @param {string} action
   * @param {...any} args
   */
  emit(action, ...args) {
    if (this._listen.has(action)) this.client.sendCallback(this, action, args);
  }

  /** @param {string} action */
  listen(action) {
    this._listen.add(action);
    if (action === 'resize' || action === 'map' || action === SIZE_CHANNEL) observeSize(this);
    if (action === SIZE_CHANNEL) measureSoon(this);
  }

  // ---------------------------------------------------------------- visibility
  show() { this.$el.hidden = false; }

  hide() { this.$el.hidden = true; }

  is_visible() { return !this.$el.hidden; }

  // --------------------------------------------------------------------- size
  /**
   * Python's `resize`: set the size, and expect it (Python now answers it), so that it
   * is not reported back unless it comes out otherwise.
   * @param {number|string|null} width
   * @param {number|string|null} height
   */
  resize(width, height) {
    this._applySize(width, height);
    expectSize(this, width, height);
  }

  /**
   * Set the element's size (pixels, or any CSS size); null leaves a side alone.
   * @param {number|string|null} width
   * @param {number|string|null} height
   */
  _applySize(width, height) {
    if (width !== null && width !== undefined) this.$el.style.width = cssSize(width);
    if (height !== null && height !== undefined) this.$el.style.height = cssSize(height);
  }

  /**
   * The user resized this widget and `resized(width, height)` told Python: that is now
   * Python's size setting and its answer.
   * @param {number} width
   * @param {number} height
   */
  _userResized(width, height) { userResized(this, width, height); }

  /**
   * Hold `_size` reports while the user resizes this widget (a drag): the drag's own
   * callback tells Python; `hold = false` ends it and measures once more.
   * @param {boolean} hold
   */
  _holdSize(hold) { holdSize(this, hold); }

  /** Rendered now (not display:none itself or by an ancestor, and in the page)? */
  _rendered() { return this.$el.isConnected && this.$el.getClientRects().length > 0; }

  /**
   * The query behind Python's first `get_size()`: from now on keep Python's copy of the
   * size current (`_size`), and answer `[width, height, basis]` in CSS pixels, or null
   * when the widget is not rendered (then it reports once it is).
   * @returns {any[] | null}
   */
  get_size() { return answerSize(this); }

  /** Send `_size` if the widget is rendered and its size is not what Python holds. */
  _reportSize() { reportSize(this); }

  get_position() {
    const r = this.$el.getBoundingClientRect();
    return [Math.round(r.x), Math.round(r.y)];
  }

  /** @param {number|null} width @param {number|null} height */
  set_min_size(width, height) {
    this.$el.style.minWidth = width == null ? '' : cssSize(width);
    this.$el.style.minHeight = height == null ? '' : cssSize(height);
  }

  /** @param {number|null} width @param {number|null} height */
  set_max_size(width, height) {
    this.$el.style.maxWidth = width == null ? '' : cssSize(width);
    this.$el.style.maxHeight = height == null ? '' : cssSize(height);
  }

  /** @param {boolean} horizontal @param {boolean} vertical */
  set_expanding(horizontal = false, vertical = false) {
    this.$el.classList.toggle('pgw-expand-h', !!horizontal);
    this.$el.classList.toggle('pgw-expand-v', !!vertical);
    /** @type {any} */ (this.parent)?.childSizePolicy?.(this);
  }

  /** @param {number|number[]} padding */
  set_padding(padding) {
    this.$el.style.padding = Array.isArray(padding)
      ? `${cssSize(padding[1])} ${cssSize(padding[2])} ${cssSize(padding[3])} ${cssSize(padding[0])}`
      : cssSize(padding);
  }

  /** @param {number|number[]} margins */
  set_margins(margins) {
    this.$el.style.margin = Array.isArray(margins)
      ? `${cssSize(margins[1])} ${cssSize(margins[2])} ${cssSize(margins[3])} ${cssSize(margins[0])}`
      : cssSize(margins);
    // a box in flow adds its spacing to this (box.css, .pgw-flow)
    this.$el.style.setProperty('--pgw-w-margin-top', this.$el.style.marginTop || '0px');
  }

  /** @param {number} width */
  set_border_width(width) {
    this.$el.style.setProperty('--pgw-w-border-width', cssSize(width));
    this.$el.classList.add('pgw-bordered');
  }

  /** @param {string} color */
  set_border_color(color) {
    this.$el.style.setProperty('--pgw-w-border-color', color);
    this.$el.classList.add('pgw-bordered');
  }

  // ---------------------------------------------------------------------- look
  /** @param {string|null} color */
  set_bg(color) { this._setVar('--pgw-w-bg', color); }

  /** @param {string|null} color */
  set_fg(color) { this._setVar('--pgw-w-fg', color); }

  /**
   * @param {string} name
   * @param {string|null} value
   */
  _setVar(name, value) {
    if (value === null || value === undefined || value === '') this.$el.style.removeProperty(name);
    else this.$el.style.setProperty(name, String(value));
    this.$el.classList.toggle('pgw-custom-colors',
      !!(this.$el.style.getPropertyValue('--pgw-w-bg') || this.$el.style.getPropertyValue('--pgw-w-fg')));
  }

  /**
   * @param {string|null} family
   * @param {number|string|null} size points, or a CSS size string
   * @param {string|null} weight
   * @param {string|null} style
   */
  set_font(family = null, size = null, weight = null, style = null) {
    const s = this.$el.style;
    s.fontFamily = family || '';
    s.fontSize = size == null ? '' : (typeof size === 'number' ? `${size}pt` : size);
    s.fontWeight = weight || '';
    s.fontStyle = style || '';
  }

  /** @param {string|null} text */
  set_tooltip(text) {
    if (text) this.$el.title = String(text);
    else this.$el.removeAttribute('title');
  }

  /** @param {boolean} enabled */
  set_enabled(enabled = true) {
    this.$el.toggleAttribute('data-disabled', !enabled);
    this.$el.setAttribute('aria-disabled', String(!enabled));
    if (!enabled) this.$el.setAttribute('inert', '');
    else this.$el.removeAttribute('inert');
  }

  /** @param {string} cursor */
  set_cursor(cursor) {
    this._cursorName = cursor || '';
    const custom = this._cursors && this._cursors.get(this._cursorName);
    this.$el.style.cursor = custom || this._cursorName;
  }

  /**
   * Register a named cursor image for `set_cursor(name)` (replayed after `set_cursor` on
   * rebuild, so an already-selected name is re-applied here).
   *
   * With a `size` ([width, height] in CSS pixels) the image is drawn onto a canvas of that
   * size and the cursor uses the result, because browsers show a cursor image at its own
   * size (an SVG at its intrinsic size, a PNG at its pixel size). Until the image has
   * loaded, and when it cannot be drawn (not an image, or from another origin), the cursor
   * uses the image as it is. The hotspot is in the cursor's final pixels.
   * @param {string} name
   * @param {string} url
   * @param {number} hotspotX
   * @param {number} hotspotY
   * @param {number[]|null} size
   */
  add_cursor(name, url, hotspotX = 0, hotspotY = 0, size = null) {
    /** @type {Map<string, string>} */
    this._cursors = this._cursors || new Map();
    const key = String(name);
    const hx = Number(hotspotX) || 0;
    const hy = Number(hotspotY) || 0;
    const css = (/** @type {string} */ u) =>
      `url("${String(u).replace(/["\\\n]/g, (c) => `\\${c}`)}") ${hx} ${hy}, auto`;
    const plain = css(url);
    this._cursors.set(key, plain);
    if (this._cursorName === key) this.set_cursor(key);
    const [width, height] = Array.isArray(size) ? size.map(Number) : [0, 0];
    if (!(width > 0 && height > 0)) return;
    rasterize(String(url), Math.round(width), Math.round(height)).then((dataUrl) => {
      if (!this._cursors || this._cursors.get(key) !== plain) return; // replaced meanwhile
      this._cursors.set(key, css(dataUrl));
      if (this._cursorName === key) this.set_cursor(key);
    }, (err) => {
      console.warn(`pgwidgets: cursor ${key} kept at its own size:`, err);
    });
  }

  /** @param {boolean} allow */
  set_allow_text_selection(allow) { this.$el.classList.toggle('pgw-selectable', !!allow); }

  /** @param {string} name */
  set_name(name) { this.$el.dataset.name = String(name); }

  /** The element that should take focus (override for composite widgets). */
  focusTarget() { return this.$el; }

  set_focus() { this.focusTarget().focus(); }

  // ------------------------------------------------------------------ lifetime
  /** Remove from the page and forget; containers destroy their children first. */
  destroy() {
    forgetSize(this);
    if (this.parent && typeof (/** @type {any} */ (this.parent)).childDestroyed === 'function') {
      /** @type {any} */ (this.parent).childDestroyed(this);
    }
    this.$el.remove();
    this.client.forget(this);
  }
}
