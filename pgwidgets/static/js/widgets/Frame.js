// @ts-check
/** Frame: a titled border around one child (a fieldset with a legend, so a named group). */
import { ContainerWidget } from '../container.js';

export default class Frame extends ContainerWidget {
  static tag = 'fieldset';

  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.$legend = document.createElement('legend');
    this.$legend.className = 'pgw-frame-title';
    this.$inner = document.createElement('div');
    this.$inner.className = 'pgw-frame-content';
    this.$el.append(this.$legend, this.$inner);
    this.$content = this.$inner;
    this.set_title(options.title ?? '');
  }

  /** @param {any} text */
  set_title(text) {
    this.$legend.textContent = text == null ? '' : String(text);
    this.$legend.hidden = !this.$legend.textContent;
  }

  /** @param {any} text */
  set_text(text) { this.set_title(text); }

  get_text() { return this.$legend.textContent; }

  get_title() { return this.$legend.textContent; }
}
