// @ts-check
/**
 * TableView: a flat table over rows that stay in Python. The same view as TreeView with
 * table defaults: grid lines and a cell cursor (arrows move between cells).
 */
import TreeView from './TreeView.js';

export default class TableView extends TreeView {
  static defaults = { show_header: true, show_grid: true, cell_cursor: true };
}
