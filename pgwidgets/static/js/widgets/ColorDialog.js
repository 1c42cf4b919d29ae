// @ts-check
/**
 * ColorDialog: a window (TopLevel: movable by its title bar, raised on press) holding a
 * ColorWidget and OK/Cancel. `pick(hex)` while choosing, `activated(hex)` on OK,
 * `cancelled(hex)` on Cancel or Escape with the colour it reverts to. Focus moves into
 * the dialog when shown, is kept there with Tab, and returns to where it was on close.
 * `modal` adds a page overlay that blocks the rest of the page.
 */
import TopLevel from './TopLevel.js';
import ColorWidget from './ColorWidget.js';

export default class ColorDialog extends TopLevel {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    // the title bar's close button and Escape report `close` (TopLevel), then cancel here
    super.build(args, { ...options, title: options.title ?? 'Choose Color',
      closeable: true, resizable: false });
    this.$el.classList.add('pgw-top-level');
    this.moveable = options.moveable !== false;
    this.picker = ColorWidget.create(this.client, -this.wid, [], { color: options.color ?? '#ff0000' });
    this.picker.onPick = (hex) => this.emit('pick', hex);
    /** the colour when the dialog opened: Cancel returns to it */
    this._initial = this.picker.get_color();
    const buttons = document.createElement('div');
    buttons.className = 'pgw-dialog-buttons';
    this.$ok = this._button('OK', () => this._finish(true));
    this.$cancel = this._button('Cancel', () => this._finish(false));
    buttons.append(this.$cancel, this.$ok);
    this.$body.append(this.picker.$el, buttons);
    this.modal = !!options.modal;
    /** @type {HTMLElement | null} */
    this.$overlay = null;
    /** @type {Element | null} */
    this._returnFocus = null;
    this.$el.addEventListener('keydown', (ev) => this._keydown(ev));
    this.$el.querySelector('.pgw-close')?.addEventListener('click', () => this._finish(false));
  }

  /** @param {string} text @param {() => void} fn */
  _button(text, fn) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'pgw-button';
    b.textContent = text;
    b.addEventListener('click', fn);
    return b;
  }

  /** @param {KeyboardEvent} ev */
  _keydown(ev) {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      this._finish(false);
    } else if (ev.key === 'Enter' && /** @type {HTMLElement} */ (ev.target).tagName !== 'INPUT'
      && /** @type {HTMLElement} */ (ev.target).tagName !== 'BUTTON') {
      ev.preventDefault();
      this._finish(true);
    } else if (ev.key === 'Tab') {
      // keep focus inside the dialog
      const items = [...this.$el.querySelectorAll('[tabindex="0"], input, button')]
        .filter((e) => !(/** @type {HTMLElement} */ (e).hidden));
      const first = /** @type {HTMLElement} */ (items[0]);
      const last = /** @type {HTMLElement} */ (items[items.length - 1]);
      if (ev.shiftKey && document.activeElement === first) {
        ev.preventDefault();
        last.focus();
      } else if (!ev.shiftKey && document.activeElement === last) {
        ev.preventDefault();
        first.focus();
      }
    }
  }

  /** @param {boolean} ok */
  _finish(ok) {
    if (!ok) this.picker.set_color(this._initial);
    const hex = this.picker.get_color();
    this.hide();
    this.emit(ok ? 'activated' : 'cancelled', hex);
  }

  show() {
    this._returnFocus = document.activeElement;
    this._initial = this.picker.get_color();
    if (this.modal) this._showOverlay(true);
    const fresh = !this.positioned;
    super.show();
    if (fresh) {
      const root = this.client.root;
      this._place(Math.max(0, (root.clientWidth - this.$el.offsetWidth) / 2),
        Math.max(0, (root.clientHeight - this.$el.offsetHeight) / 3));
    }
    this.$el.setAttribute('aria-modal', String(this.modal));
    this.picker.focusTarget().focus();
  }

  hide() {
    const wasShown = !this.$el.hidden;
    super.hide();
    this._showOverlay(false);
    const back = /** @type {HTMLElement | null} */ (this._returnFocus);
    if (wasShown && back && back.isConnected && typeof back.focus === 'function') back.focus();
  }

  /** @param {boolean} on */
  _showOverlay(on) {
    if (on && !this.$overlay) {
      this.$overlay = document.createElement('div');
      this.$overlay.className = 'pgw-modal-overlay';
      this.client.root.append(this.$overlay);
      this.$overlay.style.zIndex = this.$el.style.zIndex;
    } else if (!on && this.$overlay) {
      this.$overlay.remove();
      this.$overlay = null;
    }
  }

  raise_() {
    super.raise_();
    if (this.$overlay) {
      this.$overlay.style.zIndex = String(Number(this.$el.style.zIndex) - 1);
    }
  }

  /** @param {boolean} modal */
  set_modal(modal) {
    this.modal = !!modal;
    if (!this.$el.hidden) this._showOverlay(this.modal);
  }

  /** @param {string} hex */
  set_color(hex) {
    this.picker.set_color(hex);
    this._initial = this.picker.get_color();
  }

  get_color() { return this.picker.get_color(); }

  destroy() {
    this._showOverlay(false);
    super.destroy();
  }
}
