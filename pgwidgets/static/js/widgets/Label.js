// @ts-check
/** Label: text, set with `textContent` (markup shows as typed, never parsed). */
import { Widget } from '../widget.js';

export default class Label extends Widget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    this.$text = document.createElement('span');
    this.$text.className = 'pgw-label-text';
    this.$el.appendChild(this.$text);
    this.set_text(args[0] ?? '');
    if (options.halign) this.set_halign(options.halign);
    if (options.interactive) this.$el.tabIndex = 0;
    /** @type {any} */
    this.menu = options.menu || null;
  }

  /** @param {any} text */
  set_text(text) { this.$text.textContent = text == null ? '' : String(text); }

  get_text() { return this.$text.textContent; }

  /** @param {string|null} bg @param {string|null} fg */
  set_color(bg = null, fg = null) {
    this.set_bg(bg);
    this.set_fg(fg);
  }

  /** @param {string} halign */
  set_halign(halign) { this.$el.dataset.halign = halign; }

  /** @param {string} valign */
  set_valign(valign) { this.$el.dataset.valign = valign; }

  /** @param {any} menu */
  set_menu(menu) { this.menu = menu; }
}
