// @ts-check
/** FixedLayout: children placed at pixel positions (x, y) from the top left. */
import { ContainerWidget } from '../container.js';
import { cssSize } from '../widget.js';

export default class FixedLayout extends ContainerWidget {
  /**
   * @param {any} child
   * @param {number} x
   * @param {number} y
   */
  placeChild(child, x = 0, y = 0) {
    child.$el.style.left = cssSize(x ?? 0);
    child.$el.style.top = cssSize(y ?? 0);
    this.$content.appendChild(child.$el);
  }

  /** @param {any} child @param {number} x @param {number} y */
  add_widget(child, x = 0, y = 0) { this.adopt(child, x, y); }

  /** @param {any} child */
  unplaceChild(child) {
    child.$el.style.left = '';
    child.$el.style.top = '';
  }
}
