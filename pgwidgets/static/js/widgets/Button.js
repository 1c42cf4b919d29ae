// @ts-check
/**
 * Button: a native <button> (role button, Tab focus, Enter/Space, mouse and touch);
 * `activated()` when pressed. An optional icon image goes before the text; colours and
 * hover colours are per-instance CSS variables, so themes still apply to the rest.
 */
import { Widget } from '../widget.js';
import { updateIcon } from '../icon.js';

export default class Button extends Widget {
  static tag = 'button';

  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    const el = /** @type {HTMLButtonElement} */ (this.$el);
    el.type = 'button';
    el.classList.add('pgw-button');
    /** @type {HTMLImageElement | null} */
    this.$icon = null;
    this.$text = document.createElement('span');
    this.$text.className = 'pgw-button-text';
    el.appendChild(this.$text);
    this.set_text(args[0] ?? '');
    el.addEventListener('click', () => this.pressed());
    void options;
  }

  /** What a press does; subclasses (ToggleButton) override. */
  pressed() { this.emit('activated'); }

  /** @param {any} text */
  set_text(text) {
    this.$text.textContent = text == null ? '' : String(text);
    this.$text.hidden = this.$text.textContent === '';
  }

  get_text() { return this.$text.textContent; }

  /**
   * Show an image before the text (null removes it).
   * @param {string|null} url
   * @param {number[]|null} size [width, height] in px
   */
  set_icon(url, size = null) {
    this.$icon = updateIcon(this.$icon, url, size, 'pgw-button-icon', (img) => this.$el.prepend(img));
  }

  get_icon() { return this.$icon ? this.$icon.getAttribute('src') : null; }

  /** @param {string|null} bg @param {string|null} fg */
  set_color(bg = null, fg = null) {
    this.set_bg(bg);
    this.set_fg(fg);
  }

  /** Colours while the pointer is over the button. @param {string|null} bg @param {string|null} fg */
  set_hover(bg = null, fg = null) {
    this._setVar('--pgw-w-hover-bg', bg);
    this._setVar('--pgw-w-hover-fg', fg);
  }
}
