// @ts-check
/**
 * ButtonBox: a Box whose buttons all take the width of the widest (a CSS grid of equal
 * tracks, so no measuring); `halign` packs them left, center or right.
 */
import Box from './Box.js';
import { cssSize } from '../widget.js';

export default class ButtonBox extends Box {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.set_halign(options.halign || 'center');
    if (options.min_button_width != null) {
      this.$el.style.setProperty('--pgw-button-box-min', cssSize(options.min_button_width));
    }
  }

  /** A grid of equal tracks: never in flow (see Box). */
  flowable() { return false; }

  /** @param {string} halign 'left' | 'center' | 'right' */
  set_halign(halign) {
    if (!['left', 'center', 'right'].includes(halign)) {
      throw new Error(`bad halign ${halign}: use left, center or right`);
    }
    this.$el.dataset.halign = halign;
  }
}
