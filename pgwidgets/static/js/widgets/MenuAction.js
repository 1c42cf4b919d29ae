// @ts-check
/**
 * MenuAction: one item of a Menu (`role=menuitem`, or `menuitemcheckbox` with
 * `aria-checked` when checkable). Choosing it (click, tap, Enter, Space) closes the menus
 * and reports `activated()`, or `toggled(checked)` then `activated(checked)` when
 * checkable.
 */
import { Widget } from '../widget.js';
import { closeAllMenus } from './Menu.js';
import { updateIcon } from '../icon.js';

export default class MenuAction extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    const el = this.$el;
    el.classList.add('pgw-menu-item');
    el.tabIndex = -1;
    this.checkable = !!options.checkable;
    el.setAttribute('role', this.checkable ? 'menuitemcheckbox' : 'menuitem');
    this.$check = document.createElement('span');
    this.$check.className = 'pgw-menu-check';
    this.$check.setAttribute('aria-hidden', 'true');
    /** @type {HTMLImageElement | null} */
    this.$icon = null;
    this.$text = document.createElement('span');
    this.$text.className = 'pgw-menu-text';
    el.append(this.$check, this.$text);
    this.iconOnly = !!options.icon_only;
    this.set_text(options.text ?? options.name ?? '');
    if (options.icon_url) this.set_icon(options.icon_url, options.iconsize ?? null);
    this.set_checked(!!options.checked);
    el.addEventListener('click', () => this._choose());
  }

  _choose() {
    if (this.$el.hasAttribute('data-disabled')) return;
    closeAllMenus();
    if (this.checkable) {
      this.set_checked(!this.checked);
      this.emit('toggled', this.checked);
      this.emit('activated', this.checked);
    } else {
      this.emit('activated');
    }
  }

  /** @param {any} text */
  set_text(text) {
    this.$text.textContent = text == null ? '' : String(text);
    if (this.iconOnly) this.$el.setAttribute('aria-label', this.$text.textContent);
  }

  get_text() { return this.$text.textContent; }

  /** @param {string|null} url @param {number[]|null} iconsize */
  set_icon(url, iconsize = null) {
    this.$icon = updateIcon(this.$icon, url, iconsize, 'pgw-menu-icon', (img) => this.$text.before(img));
    if (this.$icon) this.$text.hidden = this.iconOnly;
  }

  /** @param {boolean} checked */
  set_checked(checked) {
    this.checked = !!checked;
    if (this.checkable) this.$el.setAttribute('aria-checked', String(this.checked));
    this.$check.textContent = this.checkable && this.checked ? '\u2713' : '';
  }

  get_checked() { return this.checked; }
}
