// @ts-check
/**
 * Page: fills the whole browser page with one child; `show()` puts it on the page,
 * `hide()` takes it off. `set_widget` replaces the previous child.
 */
import { ContainerWidget } from '../container.js';

export default class Page extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.$el.hidden = true;
    this.$el.setAttribute('role', 'main');
  }

  show() {
    if (!this.$el.isConnected) this.client.root.prepend(this.$el);
    this.$el.hidden = false;
  }

  hide() { this.$el.hidden = true; }
}
