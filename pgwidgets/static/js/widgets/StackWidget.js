// @ts-check
/**
 * StackWidget: pages of which one shows at a time, switched by the app (`set_index`,
 * `show_widget`); a TabWidget without tabs, so its panels are plain groups.
 */
import TabWidget from './TabWidget.js';

export default class StackWidget extends TabWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.$bar.remove();   // no tabs at all: keyboard and screen readers never meet them
  }

  defaultPosition() { return 'none'; }

  /** @param {any} child @param {Record<string, any>|string|null} options */
  placeChild(child, options = null) {
    super.placeChild(child, options);
    const page = this.pages.get(child);
    if (!page) return;
    page.panel.setAttribute('role', 'group');
    page.panel.removeAttribute('aria-labelledby');
    page.panel.removeAttribute('tabindex');
  }
}
