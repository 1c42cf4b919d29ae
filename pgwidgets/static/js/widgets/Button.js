// @ts-check
/** Button: a native <button>; `activated()` on click, Enter or Space. */
import { Widget } from '../widget.js';

export default class Button extends Widget {
  static tag = 'button';

  /** @param {any[]} args */
  build(args) {
    const el = /** @type {HTMLButtonElement} */ (this.$el);
    el.type = 'button';
    el.classList.add('pgw-button');
    this.$icon = null;
    this.$text = document.createElement('span');
    this.$text.className = 'pgw-button-text';
    el.appendChild(this.$text);
    this.set_text(args[0] ?? '');
    el.addEventListener('click', () => this.emit('activated'));
  }

  /** @param {any} text */
  set_text(text) { this.$text.textContent = text == null ? '' : String(text); }

  get_text() { return this.$text.textContent; }

  /** @param {string|null} url @param {number[]|null} size */
  set_icon(url, size = null) {
    if (!url) {
      this.$icon?.remove();
      this.$icon = null;
      return;
    }
    if (!this.$icon) {
      this.$icon = document.createElement('img');
      this.$icon.className = 'pgw-button-icon';
      this.$icon.alt = '';
      this.$el.prepend(this.$icon);
    }
    this.$icon.src = url;
    if (size) {
      this.$icon.width = size[0];
      this.$icon.height = size[1];
    }
  }

  /** @param {string|null} bg @param {string|null} fg */
  set_color(bg = null, fg = null) {
    this.set_bg(bg);
    this.set_fg(fg);
  }

  /** @param {string|null} bg @param {string|null} fg */
  set_hover(bg = null, fg = null) {
    this._setVar('--pgw-w-hover-bg', bg);
    this._setVar('--pgw-w-hover-fg', fg);
  }
}
