// @ts-check
/**
 * GridBox: a CSS grid; `add_widget(child, row, col)` (0-based) grows the grid to fit.
 * Rows and columns can be inserted and deleted; cells keep their children in a map.
 * A negative row or column counts from the end (-1: the last one).
 */
import { ContainerWidget } from '../container.js';
import { cssSize } from '../widget.js';

export default class GridBox extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.$el.setAttribute('role', 'group');
    /** @type {Map<any, [number, number]>} */
    this.cells = new Map();
    this.rows = Math.max(1, Number(options.rows ?? 1));
    this.columns = Math.max(1, Number(options.columns ?? 1));
    this._layout();
  }

  _layout() {
    this.$el.style.setProperty('--pgw-grid-rows', String(this.rows));
    this.$el.style.setProperty('--pgw-grid-columns', String(this.columns));
    for (const [child, [r, c]] of this.cells) {
      child.$el.style.gridRow = String(r + 1);
      child.$el.style.gridColumn = String(c + 1);
    }
  }

  /** @param {any} child @param {number} row @param {number} col */
  placeChild(child, row = 0, col = 0) {
    // negative: counted from the end (-1 is the last row/column; appended rows use it)
    const at = (/** @type {any} */ v, /** @type {number} */ n) => {
      const i = Number(v) || 0;
      return Math.max(0, i < 0 ? n + i : i);
    };
    const r = at(row, this.rows);
    const c = at(col, this.columns);
    for (const [other, [r2, c2]] of this.cells) {
      if (other !== child && r2 === r && c2 === c) this.remove(other);
    }
    this.cells.set(child, [r, c]);
    this.rows = Math.max(this.rows, r + 1);
    this.columns = Math.max(this.columns, c + 1);
    this.$content.appendChild(child.$el);
    this._layout();
  }

  /** @param {any} child */
  unplaceChild(child) {
    this.cells.delete(child);
    child.$el.style.gridRow = '';
    child.$el.style.gridColumn = '';
  }

  /** @param {any} child @param {number} row @param {number} col */
  add_widget(child, row = 0, col = 0) { this.adopt(child, row, col); }

  /** @param {number} px */
  set_row_spacing(px) { this.$el.style.setProperty('--pgw-grid-row-gap', cssSize(px)); }

  /** @param {number} px */
  set_column_spacing(px) { this.$el.style.setProperty('--pgw-grid-column-gap', cssSize(px)); }

  /** @param {number} px */
  set_spacing(px) {
    this.set_row_spacing(px);
    this.set_column_spacing(px);
  }

  get_row_column_count() { return [this.rows, this.columns]; }

  /** @param {number} row @param {number} col */
  get_widget_at_cell(row, col) {
    for (const [child, [r, c]] of this.cells) if (r === row && c === col) return child;
    return null;
  }

  /**
   * Shift cells at or past `index` on one axis by `delta`, dropping those on `index`
   * when deleting.
   * @param {0|1} axis 0 rows, 1 columns
   * @param {number} index
   * @param {number} delta
   */
  _shift(axis, index, delta) {
    for (const [child, cell] of [...this.cells]) {
      if (delta < 0 && cell[axis] === index) this.remove(child);
      else if (cell[axis] >= index + (delta < 0 ? 1 : 0)) cell[axis] += delta;
    }
  }

  /** @param {number} index @param {any[]} widgets */
  insert_row(index, widgets = []) {
    this._shift(0, index, 1);
    this.rows += 1;
    (widgets || []).forEach((w, col) => { if (w) this.adopt(w, index, col); });
    this._layout();
  }

  /** @param {any[]} widgets */
  append_row(widgets = []) { this.insert_row(this.rows, widgets); }

  /** @param {number} index */
  delete_row(index) {
    this._shift(0, index, -1);
    this.rows = Math.max(1, this.rows - 1);
    this._layout();
  }

  /** @param {number} index @param {any[]} widgets */
  insert_column(index, widgets = []) {
    this._shift(1, index, 1);
    this.columns += 1;
    (widgets || []).forEach((w, row) => { if (w) this.adopt(w, row, index); });
    this._layout();
  }

  /** @param {any[]} widgets */
  append_column(widgets = []) { this.insert_column(this.columns, widgets); }

  /** @param {number} index */
  delete_column(index) {
    this._shift(1, index, -1);
    this.columns = Math.max(1, this.columns - 1);
    this._layout();
  }
}
