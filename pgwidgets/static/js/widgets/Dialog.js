// @ts-check
/**
 * Dialog: a TopLevel with a content column and a row of buttons.
 *
 * Buttons come as `[[label, value], ...]` (a bare label is its own value) or later with
 * `add_button(button, value)`; pressing one reports `activated(value)` and, with
 * `autoclose`, hides the dialog and reports `hide()` so Python knows. A modal dialog covers
 * the page with an overlay, sets `aria-modal`, keeps Tab inside itself and gives focus
 * back to where it was when it hides. Escape and the close button ask `close()`.
 */
import TopLevel from './TopLevel.js';
import { cssSize } from '../widget.js';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export default class Dialog extends TopLevel {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, { ...options, title: args[0] ?? options.title ?? '' });
    this.autoclose = !!options.autoclose;
    this.modal = false;
    /** @type {Element | null} */
    this._returnFocus = null;
    this.$inner = document.createElement('div');
    this.$inner.className = 'pgw-dialog-content';
    this.$buttonRow = document.createElement('div');
    this.$buttonRow.className = 'pgw-dialog-buttons';
    this.$body.append(this.$inner, this.$buttonRow);
    this.$content = this.$inner;
    this.$overlay = document.createElement('div');
    this.$overlay.className = 'pgw-dialog-overlay';
    this.$overlay.hidden = true;
    // a press on the overlay must not take focus out of the modal dialog
    this.$overlay.addEventListener('mousedown', (ev) => ev.preventDefault());
    for (const spec of args[1] || []) {
      const [label, value] = Array.isArray(spec) ? spec : [spec, spec];
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'pgw-button';
      b.textContent = label == null ? '' : String(label);
      b.addEventListener('click', () => this.activate(value));
      this.$buttonRow.append(b);
    }
    /** @type {WeakMap<any, any>} button widgets and their values */
    this._values = new WeakMap();
    this.$el.addEventListener('keydown', (ev) => this._trap(ev));
    this._guard = (/** @type {FocusEvent} */ ev) => {
      const t = /** @type {Node | null} */ (ev.target);
      if (this.modal && !this.$el.hidden && t && !this.$el.contains(t)) this._focusFirst();
    };
    document.addEventListener('focusin', this._guard);
    this.set_modal(!!options.modal);
  }

  /**
   * A button was pressed.
   * @param {any} value
   */
  activate(value) {
    this.emit('activated', value);
    if (this.autoclose) this._autoHide();
  }

  _autoHide() {
    this.hide();
    this.emit('hide');
  }

  userClose() {
    if (!this.closeable) return;
    this.emit('close');
    if (this.autoclose) this._autoHide();
  }

  /** Keep Tab inside a modal dialog. @param {KeyboardEvent} ev */
  _trap(ev) {
    if (ev.key !== 'Tab' || !this.modal) return;
    const items = this._focusables();
    if (!items.length) {
      ev.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    if (ev.shiftKey && (active === first || active === this.$el)) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && active === last) {
      ev.preventDefault();
      first.focus();
    }
  }

  /** @returns {HTMLElement[]} */
  _focusables() {
    return /** @type {HTMLElement[]} */ ([...this.$el.querySelectorAll(FOCUSABLE)]).filter(
      (e) => !(/** @type {any} */ (e).disabled) && e.offsetParent !== null
        && !e.closest('[inert]') && !e.classList.contains('pgw-titlebar'));
  }

  _focusFirst() {
    const auto = /** @type {HTMLElement | null} */ (this.$inner.querySelector('[autofocus]'));
    const inner = this._focusables().filter((e) => this.$inner.contains(e));
    const buttons = this._focusables().filter((e) => this.$buttonRow.contains(e));
    (auto || inner[0] || buttons[0] || this.$el).focus();
  }

  /** @param {any} child @param {...any} extra */
  placeChild(child, ...extra) {
    if (extra[0] && extra[0].button) {
      this.$buttonRow.appendChild(child.$el);
      return;
    }
    const [stretch = 0, index = -1] = extra;
    child.$el.style.flex = stretch > 0 ? `${stretch} 1 0` : '';
    const ref = index >= 0 ? this.$inner.children[index] : null;
    this.$inner.insertBefore(child.$el, ref || null);
  }

  /** @param {any} child @param {number} stretch */
  add_widget(child, stretch = 0) { this.adopt(child, stretch); }

  /** @param {number} index @param {any} child @param {number} stretch */
  insert_widget(index, child, stretch = 0) { this.adopt(child, stretch, index); }

  /** @param {any} child */
  set_widget(child) {
    for (const old of this.children.filter((c) => !this._values.has(c))) this.release(old);
    this.adopt(child, 1);
  }

  /** @param {any} child a Button (or any widget) @param {any} value */
  add_button(child, value) {
    this._values.set(child, value);
    this.adopt(child, { button: true });
    child.$el.addEventListener('click', () => {
      if (this._values.has(child)) this.activate(this._values.get(child));
    });
  }

  /** @param {any} child */
  unplaceChild(child) { this._values.delete(child); }

  /** @param {number} gap */
  set_spacing(gap) { this.$inner.style.setProperty('--pgw-box-gap', cssSize(gap)); }

  /** @param {boolean} tf */
  set_modal(tf) {
    this.modal = !!tf;
    this.$el.setAttribute('aria-modal', String(this.modal));
    this._syncOverlay();
  }

  _syncOverlay() {
    const on = this.modal && !this.$el.hidden && this.$el.isConnected;
    if (on && !this.$overlay.isConnected) this.$el.before(this.$overlay);
    this.$overlay.hidden = !on;
    if (on) this.$overlay.style.zIndex = String(Number(this.$el.style.zIndex || 10) - 1);
  }

  /** @param {number|null} x @param {number|null} y */
  popup(x = null, y = null) {
    if (x != null && y != null) this.set_position(x, y);
    this.show();
  }

  /** Centre in the page when no position was set. */
  placeFirst() {
    const root = this.client.root;
    const x = Math.max(0, Math.round((root.clientWidth - this.$el.offsetWidth) / 2));
    const y = Math.max(0, Math.round((Math.min(root.clientHeight, window.innerHeight)
      - this.$el.offsetHeight) / 3));
    this._place(x, y);
  }

  show() {
    const wasHidden = this.$el.hidden;
    if (!this.$el.isConnected) this.client.root.appendChild(this.$el);
    this.$el.hidden = false;
    if (!this.positioned) this.placeFirst();
    this.raise_();
    this._syncOverlay();
    if (wasHidden) {
      this._returnFocus = document.activeElement;
      this._focusFirst();
    }
  }

  raise_() {
    super.raise_();
    if (this.$overlay && !this.$overlay.hidden) {
      this.$overlay.style.zIndex = String(Number(this.$el.style.zIndex) - 1);
    }
  }

  hide() {
    const wasShown = !this.$el.hidden;
    this.$el.hidden = true;
    this._syncOverlay();
    const back = /** @type {HTMLElement | null} */ (this._returnFocus);
    this._returnFocus = null;
    if (wasShown && back && back.isConnected && this.$el.contains(document.activeElement)) {
      back.focus();
    } else if (wasShown && back && back.isConnected && document.activeElement === document.body) {
      back.focus();
    }
  }

  destroy() {
    document.removeEventListener('focusin', this._guard);
    this.$overlay.remove();
    super.destroy();
  }
}
