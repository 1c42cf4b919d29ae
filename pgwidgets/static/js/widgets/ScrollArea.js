// @ts-check
/**
 * ScrollArea: a scrolling view of one child at its natural size (a child that expands
 * fills the view when smaller). Unlike the reference, the view scrolls natively, so the
 * mouse wheel, touch, keys and the bars all work; see AbstractScrollArea for `scrolled`.
 */
import AbstractScrollArea from './AbstractScrollArea.js';

export default class ScrollArea extends AbstractScrollArea {
  static virtual = false;

  /** @param {number|null} h @param {number|null} v fractions 0..1 */
  set_scroll_position(h, v) { this.set_scroll_percent(h, v); }

  get_scroll_position() { return this.get_scroll_percent(); }
}
