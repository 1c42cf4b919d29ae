// @ts-check
/**
 * Box: children in a row (horizontal) or a column (vertical). `stretch` > 0 shares spare
 * space in proportion, like Qt; 0 keeps the child at its natural size.
 */
import { ContainerWidget } from '../container.js';
import { cssSize } from '../widget.js';

export default class Box extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.setOrientation(options.orientation || this.defaultOrientation());
  }

  defaultOrientation() { return 'horizontal'; }

  /** @param {string} orientation */
  setOrientation(orientation) {
    const vertical = orientation === 'vertical';
    this.$el.classList.add('pgw-box');
    this.$el.classList.toggle('pgw-vertical', vertical);
    this.$el.classList.toggle('pgw-horizontal', !vertical);
  }

  /**
   * @param {any} child
   * @param {number} stretch
   */
  placeChild(child, stretch = 0, index = -1) {
    child.$el.style.flex = stretch > 0 ? `${stretch} 1 0` : '';
    child.$el.classList.toggle('pgw-stretch', stretch > 0);
    const ref = index >= 0 ? this.$content.children[index] : null;
    this.$content.insertBefore(child.$el, ref || null);
  }

  /** @param {any} child @param {number} stretch */
  add_widget(child, stretch = 0) { this.adopt(child, stretch); }

  /** @param {number} index @param {any} child @param {number} stretch */
  insert_widget(index, child, stretch = 0) {
    this.adopt(child, stretch, index);
    // keep the children array in DOM order
    this.children.splice(this.children.indexOf(child), 1);
    this.children.splice(Math.max(0, Math.min(index, this.children.length)), 0, child);
  }

  /** @param {number} spacing */
  set_spacing(spacing) { this.$el.style.setProperty('--pgw-box-gap', cssSize(spacing)); }

  /** @param {string} align */
  set_align(align) {
    const map = { top: 'start', left: 'start', center: 'center', bottom: 'end', right: 'end' };
    const v = /** @type {Record<string, string>} */ (map)[align];
    if (!v) throw new Error(`bad alignment ${align}: use top/center/bottom or left/center/right`);
    this.$el.style.alignItems = v;
  }
}
