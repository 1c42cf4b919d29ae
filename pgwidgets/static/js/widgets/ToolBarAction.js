// @ts-check
/**
 * ToolBarAction: a tool bar button (native `<button>`). With `toggle` it has
 * `aria-pressed` and reports `toggled(state)` then `activated(state)`; toggles sharing a
 * `group` (the group's first action) are exclusive, and releasing the others reports
 * `toggled(false)` for each. With `menu` it opens that Menu below itself
 * (`aria-haspopup`), by click, Enter, Space or Down.
 */
import { Widget } from '../widget.js';
import { updateIcon } from '../icon.js';
import ButtonGroup from '../helpers/button-group.js';

export default class ToolBarAction extends Widget {
  static tag = 'button';

  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    const el = /** @type {HTMLButtonElement} */ (this.$el);
    el.type = 'button';
    el.tabIndex = -1;
    this.toggle = !!options.toggle;
    this.state = false;
    /** the exclusive group: the one owned by the `group` option's action, else its own */
    this.group = ButtonGroup.of(options.group || this);
    this.group.add(this);
    /** @type {HTMLImageElement | null} */
    this.$icon = null;
    this.$text = document.createElement('span');
    this.$text.className = 'pgw-tool-bar-text';
    el.append(this.$text);
    /** @type {any} */
    this.menu = null;
    this.set_text(options.text ?? '');
    if (options.icon_url) this.set_icon(options.icon_url, options.iconsize ?? null);
    if (options.menu) this.set_menu(options.menu);
    if (this.toggle) this.set_state(false);
    el.addEventListener('click', () => this._press());
    el.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' && this.menu) {
        ev.preventDefault();
        this._openMenu();
      }
    });
  }

  _press() {
    if (this.menu) {
      if (this.menu.$el.hidden) this._openMenu();
      else this.menu.close();
      this.emit('activated');
      return;
    }
    if (!this.toggle) {
      this.emit('activated');
      return;
    }
    if (this.state && this.group.members.size > 1) return; // a group keeps one pressed
    this.applyState(!this.state);
    if (this.state) for (const other of this.group.switchOffPeers(this)) other.emit('toggled', false);
    this.emit('toggled', this.state);
    this.emit('activated', this.state);
  }

  _openMenu() {
    const r = this.$el.getBoundingClientRect();
    this.menu.opener = this.$el;
    this.menu.openAt(r.left, r.bottom, true);
  }

  /** Show the state, nothing else (no callbacks). @param {boolean} on */
  applyState(on) {
    this.state = !!on;
    this.$el.setAttribute('aria-pressed', String(this.state));
  }

  /** @param {boolean} state */
  set_state(state) {
    this.applyState(state);
    if (this.state) this.group.switchOffPeers(this);
  }

  get_state() { return this.state; }

  /** @param {any} text */
  set_text(text) {
    this.$text.textContent = text == null ? '' : String(text);
    if (this.$icon && this.$text.textContent) this.$el.setAttribute('aria-label', this.$text.textContent);
  }

  get_text() { return this.$text.textContent; }

  /** @param {string|null} url @param {number[]|null} iconsize */
  set_icon(url, iconsize = null) {
    this.$icon = updateIcon(this.$icon, url, iconsize, 'pgw-tool-bar-icon', (img) => this.$el.prepend(img));
  }

  /** @param {any} menu a Menu */
  set_menu(menu) {
    this.menu = menu || null;
    if (this.menu) {
      this.$el.setAttribute('aria-haspopup', 'menu');
      this.$el.setAttribute('aria-expanded', 'false');
    } else {
      this.$el.removeAttribute('aria-haspopup');
      this.$el.removeAttribute('aria-expanded');
    }
  }

  destroy() {
    this.group.delete(this);
    super.destroy();
  }
}
