// @ts-check
/**
 * Box: children in a row (horizontal) or a column (vertical). `stretch` > 0 shares spare
 * space in proportion, like Qt; 0 keeps the child at its natural size. `set_align` places
 * the children across the box: top/center/bottom in a row, left/center/right in a column.
 */
import { ContainerWidget } from '../container.js';
import { cssSize } from '../widget.js';

const ALIGN = {
  horizontal: { top: 'flex-start', center: 'center', bottom: 'flex-end', fill: 'stretch' },
  vertical: { left: 'flex-start', center: 'center', right: 'flex-end', fill: 'stretch' },
};

/**
 * A box with at least this many children is "long": children out of view are not styled,
 * laid out or painted until they come near the view (CSS `content-visibility: auto`, see
 * box.css). A 300-row list then opens with the work of the rows that show.
 */
export const LONG_BOX = 50;

export default class Box extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.$el.classList.add('pgw-box');
    this.setOrientation(this.fixedOrientation() || options.orientation || 'horizontal');
  }

  /** VBox and HBox fix their orientation; a Box takes it from its options. */
  fixedOrientation() { return ''; }

  /** @param {string} orientation */
  setOrientation(orientation) {
    if (orientation !== 'horizontal' && orientation !== 'vertical') {
      throw new Error(`bad orientation ${orientation}: use horizontal or vertical`);
    }
    this.orientation = orientation;
    this.$el.dataset.orientation = orientation;
    this.$el.classList.toggle('pgw-vertical', orientation === 'vertical');
    this.$el.classList.toggle('pgw-horizontal', orientation !== 'vertical');
  }

  /**
   * @param {any} child
   * @param {number} stretch
   * @param {number} index
   */
  placeChild(child, stretch = 0, index = -1) {
    child.$el.style.flex = stretch > 0 ? `${stretch} 1 0` : '';
    child.$el.classList.toggle('pgw-stretch', stretch > 0);
    const ref = index >= 0 ? this.$content.children[index] : null;
    this.$content.insertBefore(child.$el, ref || null);
    this._checkLong();
  }

  /** Mark the box long (see LONG_BOX) or not, as its child count now says. */
  _checkLong() {
    this.$el.classList.toggle('pgw-long', this.children.length >= LONG_BOX);
  }

  /** @param {any} child */
  unplaceChild(child) {
    child.$el.style.flex = '';
    child.$el.classList.remove('pgw-stretch');
    this._checkLong();
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

  /** @param {number} gap pixels between children */
  set_spacing(gap) { this.$el.style.setProperty('--pgw-box-gap', cssSize(gap)); }

  /** @param {string} align */
  set_align(align) {
    const table = /** @type {Record<string, string>} */ (
      ALIGN[/** @type {'horizontal'|'vertical'} */ (this.orientation)]);
    const v = table[align];
    if (!v) {
      throw new Error(`bad alignment ${align} for a ${this.orientation} box: use `
        + `${Object.keys(table).join('/')}`);
    }
    this.$el.style.alignItems = v;
    this.$el.dataset.align = align;
  }
}
