// @ts-check
/**
 * HtmlView: shows TRUSTED HTML. This is the one widget that inserts markup (`innerHTML`,
 * not sanitised, as in the reference): only give it HTML your program made, never text
 * from users or other outside sources. Focusable so the keyboard can scroll it;
 * `scrolled(h, v)` with fractions 0..1.
 */
import { Widget } from '../widget.js';
import ScrollSync from '../helpers/scroll-sync.js';

export default class HtmlView extends Widget {
  /** @param {any[]} args */
  build(args) {
    this.$body = document.createElement('div');
    this.$body.className = 'pgw-html-body';
    this.$body.tabIndex = 0;
    this.$el.append(this.$body);
    this.$el.classList.add('pgw-selectable');
    this.set_html(args[0] ?? '');
    this.scroll = new ScrollSync(this, this.$body);
  }

  focusTarget() { return this.$body; }

  /** Replace the content with trusted HTML. @param {any} html */
  set_html(html) {
    this.$body.innerHTML = html == null ? '' : String(html); // trusted by contract
    this.scroll?.contentChanged();
  }

  get_html() { return this.$body.innerHTML; }

  /** Add trusted HTML at the end. @param {any} html */
  append_html(html) {
    this.$body.insertAdjacentHTML('beforeend', html == null ? '' : String(html));
    this.scroll.contentChanged();
  }

  clear() { this.set_html(''); }

  scroll_to_top() { this.scroll.set(this.scroll.fractions()[0], 0); }

  scroll_to_bottom() { this.scroll.set(this.scroll.fractions()[0], 1); }

  /** @param {number} hPct @param {number} vPct fractions 0..1 */
  set_scroll_position(hPct, vPct) { this.scroll.set(hPct, vPct); }

  get_scroll_position() { return this.scroll.fractions(); }

  destroy() {
    this.scroll.destroy();
    super.destroy();
  }
}
