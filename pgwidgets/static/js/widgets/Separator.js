// @ts-check
/** Separator: a thin line between widgets (role separator, horizontal or vertical). */
import { Widget } from '../widget.js';

export default class Separator extends Widget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    this.$el.setAttribute('role', 'separator');
    this.set_orientation(args[0] || options.orientation || 'horizontal');
  }

  /** @param {string} orientation 'horizontal' | 'vertical' */
  set_orientation(orientation) {
    if (orientation !== 'horizontal' && orientation !== 'vertical') {
      throw new Error(`bad orientation ${orientation}: use horizontal or vertical`);
    }
    this.$el.setAttribute('aria-orientation', orientation);
    this.$el.dataset.orientation = orientation;
  }

  get_orientation() { return this.$el.dataset.orientation; }
}
