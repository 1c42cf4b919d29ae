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

/*
 * FLOW: why a long vertical box lays its children out in flow (`pgw-flow`, box.css) when it can:
 * in a flex column Chromium lays every child out twice on each relayout (once at an
 * indefinite height to find its flex basis, then at that height), and a child's change
 * (one label's text) relayouts the whole ancestor chain, since no flex item can be a
 * relayout boundary. With 300 rows that made every update cost ~4 ms of layout and ~2 ms
 * of pre-paint more than with 10 rows (issue 12, docs/performance.md). In flow each
 * unchanged child is one cached layout. Flow gives the same geometry only when no child
 * grows (`stretch` > 0 or `set_expanding(_, true)`) and the children fill the width
 * (`set_align('fill')`, the default); otherwise the box stays a flex column.
 */

export default class Box extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    /** @type {Set<any>} children that grow along the box (they need flex layout) */
    this._growing = new Set();
    /** the spacing between children (CSS size) */
    this._gap = '0px';
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
    if (this.children) this._checkLong();
  }

  /**
   * @param {any} child
   * @param {number} stretch
   * @param {number} index
   */
  placeChild(child, stretch = 0, index = -1) {
    child.$el.style.flex = stretch > 0 ? `${stretch} 1 0` : '';
    child.$el.classList.toggle('pgw-stretch', stretch > 0);
    // the spacing above it when the box is in flow (box.css): a child's own spacing (a
    // box's --pgw-box-gap) would shadow the box's in a var() read on the child
    child.$el.style.setProperty('--pgw-gap-above', this._gap);
    this._noteGrowth(child);
    const ref = index >= 0 ? this.$content.children[index] : null;
    this.$content.insertBefore(child.$el, ref || null);
    this._checkLong();
  }

  /**
   * Mark the box long (see LONG_BOX) or not, as its child count now says, and in flow
   * (see FLOW) when it is long, vertical, filled across, and no child grows.
   */
  _checkLong() {
    const long = this.children.length >= LONG_BOX;
    this.$el.classList.toggle('pgw-long', long);
    const align = this.$el.dataset.align;
    this.$el.classList.toggle('pgw-flow', long && this.flowable() && this.orientation === 'vertical'
      && (!align || align === 'fill') && this._growing.size === 0);
  }

  /** Can this kind of box lay out in flow? (ButtonBox, a grid, cannot.) */
  flowable() { return true; }

  /**
   * A child's growth may have changed (its stretch, or `set_expanding`): note it.
   * @param {any} child
   */
  _noteGrowth(child) {
    const cls = child.$el.classList;
    const grows = cls.contains('pgw-stretch')
      || cls.contains(this.orientation === 'vertical' ? 'pgw-expand-v' : 'pgw-expand-h');
    if (grows) this._growing.add(child);
    else this._growing.delete(child);
  }

  /**
   * A child's size policy changed (Widget.set_expanding calls this on its parent).
   * @param {any} child
   */
  childSizePolicy(child) {
    if (!this.children.includes(child)) return;
    this._noteGrowth(child);
    this._checkLong();
  }

  /** @param {any} child */
  unplaceChild(child) {
    child.$el.style.flex = '';
    child.$el.classList.remove('pgw-stretch');
    child.$el.style.removeProperty('--pgw-gap-above');
    this._growing.delete(child);
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
  set_spacing(gap) {
    this._gap = cssSize(gap);
    this.$el.style.setProperty('--pgw-box-gap', this._gap);
    for (const c of this.children) c.$el.style.setProperty('--pgw-gap-above', this._gap);
  }

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
    this._checkLong();
  }
}
