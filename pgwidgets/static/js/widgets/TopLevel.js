// @ts-check
/**
 * TopLevel: a desktop-style window inside the page.
 *
 * - Move: drag the title bar (pointer events: mouse, touch, pen) or focus the title bar
 *   and press the arrow keys; `move(x, y)` is reported when the move ends.
 * - Resize: drag any edge or corner, or Shift+arrows on the title bar; `resized(w, h)`
 *   (and `move` when the left/top edge moved) when it ends. That is Python's size setting
 *   from then on, so the measured-size channel (`_size`, see widget.js) stays quiet
 *   during the drag and does not report it again.
 * - States: minimise, maximise and shade where enabled (buttons, double-click shades);
 *   `window-state(state)` reports user changes. Setters never emit.
 * - Raised on any press or focus inside; `close()` (button or Escape) is only a request.
 */
import { ContainerWidget } from '../container.js';
import { cssSize, uid } from '../widget.js';
import { followDrag } from '../helpers/pointer-drag.js';

let zTop = 10;
let cascade = 0;
const STEP = 10;
const BIG_STEP = 50;
const EDGES = ['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw'];
/** @type {TopLevel[]} windows minimised, in the order of their slots along the bottom */
const minimized = [];

/**
 * @param {string} cls
 * @param {string} label
 * @param {string} glyph
 * @returns {HTMLButtonElement}
 */
function titleButton(cls, label, glyph) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `pgw-title-button ${cls}`;
  b.setAttribute('aria-label', label);
  b.title = label;
  b.textContent = glyph;
  return b;
}

export default class TopLevel extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    const el = this.$el;
    el.classList.add('pgw-window');
    el.hidden = true;
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-modal', 'false');
    el.tabIndex = -1;
    this.state = 'normal';
    el.dataset.state = 'normal';
    const titleId = uid('pgw-title');
    el.setAttribute('aria-labelledby', titleId);

    this.$bar = document.createElement('div');
    this.$bar.className = 'pgw-titlebar';
    this.$bar.tabIndex = 0;
    this.$bar.setAttribute('aria-roledescription', 'title bar');
    this.$bar.setAttribute('aria-describedby', titleId);
    this.$icon = document.createElement('img');
    this.$icon.className = 'pgw-title-icon';
    this.$icon.alt = '';
    this.$icon.hidden = true;
    this.$title = document.createElement('span');
    this.$title.className = 'pgw-title';
    this.$title.id = titleId;
    this.$buttons = document.createElement('span');
    this.$buttons.className = 'pgw-title-buttons';
    this.$bar.append(this.$icon, this.$title, this.$buttons);
    this.$body = document.createElement('div');
    this.$body.className = 'pgw-window-body';
    el.append(this.$bar, this.$body);
    this.$content = this.$body;

    this.moveable = options.moveable !== false;
    this.resizable = options.resizable !== false;
    this.closeable = options.closeable !== false;
    this.shadeable = options.shadeable !== false;
    this.positioned = false;
    this.set_title(options.title ?? '');
    if (options.icon) this.set_icon(options.icon);
    this._buildButtons(options);
    /** @type {HTMLElement[]} */
    this.$grips = EDGES.map((edge) => {
      const grip = document.createElement('div');
      grip.className = `pgw-grip pgw-grip-${edge}`;
      grip.dataset.edge = edge;
      grip.setAttribute('aria-hidden', 'true');
      el.append(grip);
      this._dragResize(grip, edge);
      return grip;
    });
    this.set_resizable(this.resizable);

    el.addEventListener('pointerdown', () => this.userRaise(), { capture: true });
    el.addEventListener('focusin', () => this.userRaise());
    el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !ev.defaultPrevented) {
        ev.preventDefault();
        this.userClose();
      }
    });
    this.$bar.addEventListener('dblclick', (ev) => {
      if (this.shadeable && !/** @type {Element} */ (ev.target).closest('button')) {
        this.userState(this.state === 'shaded' ? 'normal' : 'shaded');
      }
    });
    this.$bar.addEventListener('keydown', (ev) => this._barKey(ev));
    this._dragMove();
  }

  /** @param {Record<string, any>} options */
  _buildButtons(options) {
    if (options.lowerable) {
      const b = titleButton('pgw-lower', 'Lower', '\u2193');
      b.addEventListener('click', () => this.lower());
      this.$buttons.append(b);
    }
    if (options.minimizable) {
      this.$min = titleButton('pgw-minimize', 'Minimize', '\u2012');
      this.$min.addEventListener('click', () => {
        this.userState(this.state === 'minimized' ? 'normal' : 'minimized');
      });
      this.$buttons.append(this.$min);
    }
    if (options.maximizable) {
      this.$max = titleButton('pgw-maximize', 'Maximize', '\u25a1');
      this.$max.addEventListener('click', () => {
        this.userState(this.state === 'maximized' ? 'normal' : 'maximized');
      });
      this.$buttons.append(this.$max);
    }
    if (this.closeable) {
      const b = titleButton('pgw-close', 'Close', '\u00d7');
      b.addEventListener('click', () => this.userClose());
      this.$buttons.append(b);
    }
  }

  /** The user asked to close: report it (the app decides). */
  userClose() {
    if (this.closeable) this.emit('close');
  }

  /**
   * A state change made by the user: apply and report it.
   * @param {string} state
   */
  userState(state) {
    if (state === this.state) return;
    this.set_window_state(state);
    this.emit('window-state', state);
  }

  /** Can the window be moved/resized now? */
  _free() { return this.state === 'normal' || this.state === 'shaded'; }

  /** @param {KeyboardEvent} ev */
  _barKey(ev) {
    const dx = { ArrowLeft: -1, ArrowRight: 1 }[ev.key] || 0;
    const dy = { ArrowUp: -1, ArrowDown: 1 }[ev.key] || 0;
    if ((!dx && !dy) || ev.target !== this.$bar || !this._free()) return;
    ev.preventDefault();
    const step = ev.ctrlKey ? BIG_STEP : STEP;
    if (ev.shiftKey) {
      if (!this.resizable) return;
      const [minW, minH] = this._minSize();
      this._applySize(Math.max(minW, this.$el.offsetWidth + dx * step),
        Math.max(minH, this.$el.offsetHeight + dy * step));
      this._userResized(this.$el.offsetWidth, this.$el.offsetHeight);
      this.emit('resized', this.$el.offsetWidth, this.$el.offsetHeight);
    } else {
      if (!this.moveable) return;
      this._place(Math.max(0, this.$el.offsetLeft + dx * step),
        Math.max(0, this.$el.offsetTop + dy * step));
      this.emit('move', this.$el.offsetLeft, this.$el.offsetTop);
    }
  }

  _minSize() {
    const cs = getComputedStyle(this.$el);
    return [parseFloat(cs.minWidth) || 60, parseFloat(cs.minHeight) || 40];
  }

  /**
   * Follow a pointer drag from `ev` on `target`, calling `onMove(dx, dy)`, then `onEnd()`.
   * @param {HTMLElement} target
   * @param {PointerEvent} ev
   * @param {(dx: number, dy: number) => void} onMove
   * @param {() => void} onEnd
   */
  _drag(target, ev, onMove, onEnd) {
    ev.preventDefault();
    followDrag(target, ev, { onMove: (_e, dx, dy) => onMove(dx, dy), onEnd: () => onEnd() });
  }

  _dragMove() {
    this.$bar.addEventListener('pointerdown', (ev) => {
      if (!this.moveable || !this._free() || ev.button !== 0
          || /** @type {Element} */ (ev.target).closest('button')) return;
      const x0 = this.$el.offsetLeft;
      const y0 = this.$el.offsetTop;
      this._drag(this.$bar, ev, (dx, dy) => this._place(Math.max(0, x0 + dx), Math.max(0, y0 + dy)),
        () => {
          if (this.$el.offsetLeft !== x0 || this.$el.offsetTop !== y0) {
            this.emit('move', this.$el.offsetLeft, this.$el.offsetTop);
          }
        });
    });
  }

  /** @param {HTMLElement} grip @param {string} edge */
  _dragResize(grip, edge) {
    grip.addEventListener('pointerdown', (ev) => {
      if (!this.resizable || this.state !== 'normal' || ev.button !== 0) return;
      const el = this.$el;
      const x0 = el.offsetLeft;
      const y0 = el.offsetTop;
      const w0 = el.offsetWidth;
      const h0 = el.offsetHeight;
      const [minW, minH] = this._minSize();
      this._holdSize(true);
      this._drag(grip, ev, (dx, dy) => {
        let x = x0;
        let y = y0;
        let w = w0;
        let h = h0;
        if (edge.includes('e')) w = Math.max(minW, w0 + dx);
        if (edge.includes('s')) h = Math.max(minH, h0 + dy);
        if (edge.includes('w')) {
          w = Math.max(minW, w0 - Math.max(dx, -x0));
          x = x0 + w0 - w;
        }
        if (edge.includes('n')) {
          h = Math.max(minH, h0 - Math.max(dy, -y0));
          y = y0 + h0 - h;
        }
        this._applySize(w, h);
        if (x !== x0 || y !== y0) this._place(x, y);
      }, () => {
        if (el.offsetWidth !== w0 || el.offsetHeight !== h0) {
          this._userResized(el.offsetWidth, el.offsetHeight);
          this.emit('resized', el.offsetWidth, el.offsetHeight);
        }
        this._holdSize(false);
        if (el.offsetLeft !== x0 || el.offsetTop !== y0) {
          this.emit('move', el.offsetLeft, el.offsetTop);
        }
      });
    });
  }

  /** @param {number} x @param {number} y */
  _place(x, y) {
    this.$el.style.left = cssSize(x);
    this.$el.style.top = cssSize(y);
    this.positioned = true;
  }

  /** @param {any} text */
  set_title(text) { this.$title.textContent = text == null ? '' : String(text); }

  get_title() { return this.$title.textContent; }

  /** @param {string|null} url */
  set_icon(url) {
    this.$icon.hidden = !url;
    if (url) this.$icon.src = String(url);
    else this.$icon.removeAttribute('src');
  }

  /** @param {number} x @param {number} y */
  set_position(x, y) { this._place(x, y); }

  get_position() { return [this.$el.offsetLeft, this.$el.offsetTop]; }

  /** @param {boolean} tf */
  set_moveable(tf) {
    this.moveable = !!tf;
    this.$el.classList.toggle('pgw-fixed-window', !this.moveable);
  }

  /** @param {boolean} tf */
  set_resizable(tf) {
    this.resizable = !!tf;
    for (const g of this.$grips) g.hidden = !this.resizable;
  }

  raise_() {
    if (this.$el.style.zIndex === String(zTop)) return;
    zTop += 1;
    this.$el.style.zIndex = String(zTop);
  }

  /**
   * The user brought this window to the front (a press or focus in it): Python keeps
   * the stacking order, so a reload or another browser stacks the windows the same way.
   */
  userRaise() {
    if (this.$el.style.zIndex === String(zTop)) return;
    this.raise_();
    this.emit('_raised');
  }

  lower() { this.$el.style.zIndex = '1'; }

  /**
   * Apply a window state (from Python or the user); never emits.
   * @param {string} state 'normal' | 'minimized' | 'maximized' | 'shaded'
   */
  set_window_state(state) {
    if (!['normal', 'minimized', 'maximized', 'shaded'].includes(state)) {
      throw new Error(`bad window state ${state}`);
    }
    this.state = state;
    this.$el.dataset.state = state;
    const slot = minimized.indexOf(this);
    if (state === 'minimized' && slot < 0) minimized.push(this);
    if (state !== 'minimized' && slot >= 0) minimized.splice(slot, 1);
    minimized.forEach((w, i) => w.$el.style.setProperty('--pgw-min-slot', String(i)));
    this.$body.hidden = state === 'minimized' || state === 'shaded';
    if (this.$min) {
      this.$min.setAttribute('aria-label', state === 'minimized' ? 'Restore' : 'Minimize');
      this.$min.title = /** @type {string} */ (this.$min.getAttribute('aria-label'));
    }
    if (this.$max) {
      this.$max.setAttribute('aria-label', state === 'maximized' ? 'Restore' : 'Maximize');
      this.$max.title = /** @type {string} */ (this.$max.getAttribute('aria-label'));
    }
  }

  get_window_state() { return this.state; }

  toggle_minimize() { this.set_window_state(this.state === 'minimized' ? 'normal' : 'minimized'); }

  toggle_maximize() { this.set_window_state(this.state === 'maximized' ? 'normal' : 'maximized'); }

  toggle_shade() { this.set_window_state(this.state === 'shaded' ? 'normal' : 'shaded'); }

  /** A new window with no position set goes to the next cascade slot. */
  placeFirst() {
    cascade = (cascade + 1) % 10;
    this._place(24 + cascade * 24, 24 + cascade * 24);
  }

  show() {
    if (!this.$el.isConnected) this.client.root.appendChild(this.$el);
    if (!this.positioned) this.placeFirst();
    this.$el.hidden = false;
    this.raise_();
  }

  hide() { this.$el.hidden = true; }

  close() { this.hide(); }

  destroy() {
    const slot = minimized.indexOf(this);
    if (slot >= 0) minimized.splice(slot, 1);
    super.destroy();
  }
}
