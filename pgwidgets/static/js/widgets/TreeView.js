// @ts-check
/**
 * TreeView: rows with columns, a tree or a flat list, over data that stays in Python.
 *
 * The page holds only the rows in view plus a margin (`cache`, by display position) and
 * draws them into a small pool of row elements; DOM size and memory do not grow with the
 * row count. Scrolling asks Python for the rows it lacks with one `_ui('range', ...)` at a
 * time: while one is in flight, later scrolls only remember where the view is, so a fling
 * asks only for where it lands. Above ~330 k rows the scroll canvas is scaled
 * (`dataview/scaled.js`).
 *
 * The page decides nothing about the data: clicks, keys, edits, header clicks and column
 * drags are reported (`_ui`) and Python answers with what changed (`dv_*` calls). Messages
 * carry the layout generation `gen`; rows of an older layout are dropped.
 *
 * ARIA: role `treegrid` (`grid` for flat data) with `aria-rowcount` the true row count,
 * each row `aria-rowindex`, `aria-selected`, and in trees `aria-level`/`aria-expanded`.
 */
import { Widget } from '../widget.js';
import { geometry, offsetOf, scrollTopOf, revealOffset } from '../dataview/scaled.js';
import { drawCell, cellText } from '../dataview/cells.js';

/** rows kept beyond the view on each side, in screens */
const MARGIN_SCREENS = 1;
/** idle time after scrolling before the position is reported (ms) */
const REPORT_IDLE = 150;
const ROW_NUMBER_WIDTH = 56;
/** the most row elements drawn (a 7,000 px tall view of 24 px rows) */
const MAX_DRAWN = 300;
const DEFAULT_WIDTH = 120;

export default class TreeView extends Widget {
  /** option defaults of this class (TableView overrides) */
  static defaults = { show_header: true, show_grid: false, cell_cursor: false };

  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    const d = /** @type {typeof TreeView} */ (this.constructor).defaults;
    const opt = (/** @type {string} */ k) => (options[k] ?? /** @type {any} */ (d)[k]);
    const el = this.$el;
    el.classList.add('pgw-data-view');
    el.tabIndex = 0;
    el.setAttribute('role', 'treegrid');
    el.setAttribute('aria-multiselectable', 'false');
    this.$header = document.createElement('div');
    this.$header.className = 'pgw-dv-header';
    this.$header.setAttribute('role', 'rowgroup');
    this.$headRow = document.createElement('div');
    this.$headRow.className = 'pgw-dv-row pgw-dv-head-row';
    this.$headRow.setAttribute('role', 'row');
    this.$headRow.setAttribute('aria-rowindex', '1');
    this.$header.append(this.$headRow);
    this.$body = document.createElement('div');
    this.$body.className = 'pgw-dv-body';
    this.$canvas = document.createElement('div');
    this.$canvas.className = 'pgw-dv-canvas';
    this.$canvas.setAttribute('role', 'rowgroup');
    this.$layer = document.createElement('div');
    this.$layer.className = 'pgw-dv-layer';
    this.$layer.setAttribute('role', 'presentation');
    this.$canvas.append(this.$layer);
    this.$body.append(this.$canvas);
    el.append(this.$header, this.$body);

    /** @type {Record<string, any>[]} */
    this.columns = [];
    /** @type {number[]} */
    this.widths = [];
    this.gen = -1;
    this.total = 0;
    /** @type {Map<number, any[]>} display position -> wire row */
    this.cache = new Map();
    /** @type {HTMLElement[]} */
    this.pool = [];
    this.y = 0;
    this.rowH = 24;
    this.viewH = 0;
    this.geo = geometry(0, 24, 0);
    /** @type {[number, number] | null} */
    this.cursor = null;
    /** @type {any[] | null} */
    this.sort = null;
    this.tree = false;
    this.mode = String(opt('selection_mode') || 'single');
    this.cellCursor = !!opt('cell_cursor');
    this.editableAll = false;
    this.sortable = !!opt('sortable');
    this.tableColor = null;
    /** @type {Record<string, any>} */
    this.columnColors = {};
    this.inFlight = false;
    this.restored = false;
    /** @type {number | null} row to bring into view once laid out */
    this.pendingTop = null;
    /** @type {HTMLElement | null} */
    this.editor = null;
    this.reportTimer = 0;
    this.frame = 0;
    this.expectTop = -1;
    /** keys sent whose answer (the new cursor) has not come back */
    this.keysPending = 0;
    /** @type {(() => void) | null} an action waiting for those answers */
    this.afterKeys = null;
    el.classList.toggle('pgw-dv-no-header', !opt('show_header'));
    el.classList.toggle('pgw-dv-alternate', !!opt('alternate_row_colors'));
    el.classList.toggle('pgw-dv-grid', !!opt('show_grid'));
    el.classList.toggle('pgw-dv-row-numbers', !!opt('show_row_numbers'));
    el.classList.toggle('pgw-dv-text-select', !!opt('allow_text_selection'));
    if (Array.isArray(options.columns)) {
      this.columns = options.columns.map((/** @type {any} */ c, /** @type {number} */ i) =>
        (typeof c === 'string' ? { key: `_col${i}`, label: c } : c));
      this._applyColumns();
    }

    this.$body.addEventListener('scroll', () => this._onScroll(), { passive: true });
    this.$body.addEventListener('wheel', (e) => this._onWheel(e), { passive: false });
    new ResizeObserver(() => this._onResize()).observe(this.$body);
    el.addEventListener('keydown', (e) => this._onKey(e));
    this.$layer.addEventListener('click', (e) => this._onClick(e));
    this.$layer.addEventListener('dblclick', (e) => this._onDblClick(e));
    this.$layer.addEventListener('change', (e) => this._onCellChange(e));
    this.$headRow.addEventListener('click', (e) => this._onHeaderClick(e));
    this.$headRow.addEventListener('pointerdown', (e) => this._onResizeStart(e));
  }

  /** @param {string} op @param {...any} args */
  _ui(op, ...args) {
    this.client.sendCallback(this, '_ui', [op, this.gen, ...args]);
  }

  // ------------------------------------------------------------ Python calls
  /**
   * The whole view state and the rows at `start`.
   * @param {Record<string, any>} meta @param {number} start @param {any[][]} rows
   */
  dv_reset(meta, start, rows) {
    this._closeEditor(false);
    this.gen = meta.gen;
    this.total = meta.total;
    this.columns = meta.columns;
    this.sort = meta.sort;
    this.tree = !!meta.tree;
    this.mode = meta.mode;
    this.cellCursor = !!meta.cell_cursor;
    this.editableAll = !!meta.editable;
    this.tableColor = meta.table_color;
    this.columnColors = meta.column_colors || {};
    this.cursor = meta.cursor;
    this.$el.setAttribute('role', this.tree ? 'treegrid' : 'grid');
    this.$el.setAttribute('aria-multiselectable', String(this.mode.startsWith('multiple')));
    this.$el.setAttribute('aria-rowcount', String(this.total + 1));
    this._applyColumns();
    this.cache.clear();
    this.inFlight = false;
    this.keysPending = 0;
    this._store(start, rows);
    if (!this.restored) {
      this.restored = true;
      this.pendingTop = meta.top;
      this.hpct = meta.h || 0;
    }
    this._layout();
  }

  /** @param {number} gen @param {number} start @param {any[][]} rows */
  dv_rows(gen, start, rows) {
    this.inFlight = false; // any rows end the flight (a stale answer too: ask again)
    if (gen !== this.gen) {
      this._need();
      return;
    }
    this._store(start, rows);
    this._render();
  }

  /** @param {number} gen @param {number} i @param {number} ci @param {boolean} reveal */
  dv_cursor(gen, i, ci, reveal) {
    if (gen !== this.gen) return;
    this.cursor = [i, ci];
    if (reveal) this._reveal(i);
    this._render();
  }

  /** Bring display row `i` into view. @param {number} gen @param {number} i */
  dv_scroll(gen, i) {
    if (gen !== this.gen) return;
    if (this.viewH === 0) this.pendingTop = i;
    else this._reveal(i);
  }

  /** @param {number} gen @param {number} top @param {number} hpct */
  dv_scroll_pct(gen, top, hpct) {
    if (gen !== this.gen) return;
    this.hpct = hpct;
    if (this.viewH === 0) this.pendingTop = top;
    else this._scrollToRow(top);
    const maxX = this.$body.scrollWidth - this.$body.clientWidth;
    this.$body.scrollLeft = (hpct / 100) * Math.max(0, maxX);
  }

  /** @param {number} ci @param {number} px */
  dv_width(ci, px) {
    if (ci < this.columns.length) this.columns[ci].width = px;
    this._applyColumns();
  }

  /** Fit columns to their header and the rows in view; report the widths. */
  dv_optimal() {
    const probe = document.createElement('span');
    probe.className = 'pgw-dv-measure';
    this.$el.append(probe);
    this.columns.forEach((col, ci) => {
      probe.textContent = col.label || '';
      let w = probe.offsetWidth + 28;
      for (const row of this.cache.values()) {
        probe.textContent = cellText(row[0][ci], col.type);
        w = Math.max(w, probe.offsetWidth + 16 + (ci === 0 && this.tree ? 16 * (row[2] + 1) : 0));
      }
      col.width = Math.ceil(w);
      this._ui('width', ci, col.width);
    });
    probe.remove();
    this._applyColumns();
  }

  /** Python handled a key this page sent: run what waited for it (Enter after arrows). */
  dv_key_done() {
    this.keysPending = Math.max(0, this.keysPending - 1);
    if (this.keysPending === 0 && this.afterKeys) {
      const run = this.afterKeys;
      this.afterKeys = null;
      run();
    }
  }

  /** @param {string} tsv */
  dv_clipboard(tsv) {
    if (navigator.clipboard) navigator.clipboard.writeText(tsv).catch(() => {});
    this.lastCopied = tsv;
  }

  /** Read the clipboard and paste it at the cursor. */
  dv_paste() {
    if (!navigator.clipboard) return;
    navigator.clipboard.readText().then((t) => this._ui('paste', t)).catch(() => {});
  }

  // display options (plain setters, replayed on rebuild)
  /** @param {boolean} tf */
  set_show_grid(tf) { this.$el.classList.toggle('pgw-dv-grid', !!tf); }
  /** @param {boolean} tf */
  set_show_row_numbers(tf) {
    this.$el.classList.toggle('pgw-dv-row-numbers', !!tf);
    this._applyColumns();
  }
  /** @param {boolean} tf */
  set_sortable(tf) { this.sortable = !!tf; this._drawHeader(); }
  /** @param {number} px */
  set_row_spacing(px) {
    this.$el.style.setProperty('--pgw-dv-row-spacing', `${Number(px) || 0}px`);
    this._layout();
  }
  /** @param {number} px */
  set_column_spacing(px) {
    this.$el.style.setProperty('--pgw-dv-column-spacing', `${Number(px) || 0}px`);
  }
  /**
   * @param {string} family @param {number|null} size @param {string|null} weight
   * @param {string|null} style
   */
  set_header_font(family, size = null, weight = null, style = null) {
    const s = this.$header.style;
    if (family) s.fontFamily = family;
    if (size) s.fontSize = `${size}px`;
    if (weight) s.fontWeight = String(weight);
    if (style) s.fontStyle = style;
  }

  // ------------------------------------------------------------- columns
  _applyColumns() {
    this._tracks();
    this._drawHeader();
    this._render();
  }

  /** Column widths into the grid template shared by the header and the rows. */
  _tracks() {
    this.widths = this.columns.map((c) => c.width ?? (c.type === 'boolean' ? 60 : DEFAULT_WIDTH));
    const numbers = this.$el.classList.contains('pgw-dv-row-numbers');
    const tracks = this.widths.map((w) => `${w}px`);
    if (numbers) tracks.unshift(`${ROW_NUMBER_WIDTH}px`);
    this.$el.style.setProperty('--pgw-dv-columns', tracks.join(' ') || '1fr');
    const totalW = this.widths.reduce((a, b) => a + b, 0) + (numbers ? ROW_NUMBER_WIDTH : 0);
    this.$el.style.setProperty('--pgw-dv-total-width', `${totalW}px`);
  }

  _drawHeader() {
    const head = this.$headRow;
    head.replaceChildren();
    if (this.$el.classList.contains('pgw-dv-row-numbers')) {
      const c = document.createElement('div');
      c.className = 'pgw-dv-cell pgw-dv-rownum';
      c.setAttribute('role', 'columnheader');
      head.append(c);
    }
    this.columns.forEach((col, ci) => {
      const c = document.createElement('div');
      c.className = 'pgw-dv-cell pgw-dv-colhead';
      c.setAttribute('role', 'columnheader');
      c.dataset.col = String(ci);
      c.style.textAlign = col.halign || 'left';
      const label = document.createElement('span');
      label.className = 'pgw-dv-label';
      label.textContent = col.label ?? '';
      c.append(label);
      if (this.sort && this.sort[0] === ci) {
        c.setAttribute('aria-sort', this.sort[1] ? 'ascending' : 'descending');
        const arrow = document.createElement('span');
        arrow.className = 'pgw-dv-sort';
        arrow.setAttribute('aria-hidden', 'true');
        arrow.textContent = this.sort[1] ? ' ▲' : ' ▼';
        c.append(arrow);
      }
      const grip = document.createElement('div');
      grip.className = 'pgw-dv-grip';
      grip.dataset.col = String(ci);
      c.append(grip);
      head.append(c);
    });
  }

  // -------------------------------------------------------------- layout
  _onResize() {
    const h = this.$body.clientHeight;
    if (h === this.viewH) return;
    this.viewH = h;
    this._layout();
  }

  _layout() {
    const cs = getComputedStyle(this.$el);
    const rowH = parseFloat(cs.getPropertyValue('--pgw-dv-row-height')) || 24;
    const spacing = parseFloat(cs.getPropertyValue('--pgw-dv-row-spacing')) || 0;
    this.rowH = rowH + spacing;
    this.viewH = this.$body.clientHeight;
    this.geo = geometry(this.total, this.rowH, this.viewH);
    this.$canvas.style.height = `${this.geo.canvas}px`;
    this.$layer.style.height = `${this.viewH}px`;
    if (this.viewH > 0 && this.pendingTop !== null) {
      const top = this.pendingTop;
      this.pendingTop = null;
      this._scrollToRow(top);
      const maxX = this.$body.scrollWidth - this.$body.clientWidth;
      if (this.hpct) this.$body.scrollLeft = (this.hpct / 100) * Math.max(0, maxX);
    } else {
      this.y = Math.min(this.y, this.geo.maxY);
    }
    this._render();
    this._need();
  }

  /** @param {number} i first row to show */
  _scrollToRow(i) {
    this._setY(i * this.rowH);
  }

  /** @param {number} y content offset */
  _setY(y) {
    this.y = Math.max(0, Math.min(y, this.geo.maxY));
    const st = scrollTopOf(this.y, this.geo);
    this.expectTop = st;
    this.$body.scrollTop = st;
    this._render();
    this._need();
  }

  /** @param {number} i */
  _reveal(i) {
    const y = revealOffset(i, this.y, this.rowH, this.viewH);
    if (y !== this.y) this._setY(y);
  }

  _onScroll() {
    const st = this.$body.scrollTop;
    if (Math.abs(st - this.expectTop) >= 1) this.y = offsetOf(st, this.geo);
    this.expectTop = -1;
    this.$header.scrollLeft = this.$body.scrollLeft;
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this._render();
        this._need();
      });
    }
  }

  /** In a scaled canvas one scroll pixel is many rows: move by content pixels. @param {WheelEvent} e */
  _onWheel(e) {
    if (!this.geo.scaled || e.ctrlKey || e.deltaY === 0) return;
    e.preventDefault();
    const dy = e.deltaMode === 1 ? e.deltaY * this.rowH : e.deltaMode === 2 ? e.deltaY * this.viewH : e.deltaY;
    this._setY(this.y + dy);
  }

  /** first visible row and how many fit */
  _span() {
    const first = Math.floor(this.y / this.rowH);
    // bounded: the page never draws more than MAX_DRAWN rows, however tall it is
    const count = Math.min(MAX_DRAWN, Math.ceil(this.viewH / this.rowH) + 1);
    return { first, count };
  }

  /** Ask for missing rows (one request in flight; the latest view wins). */
  _need() {
    if (this.gen < 0 || this.viewH === 0) return;
    const { first, count } = this._span();
    const last = Math.min(this.total, first + count);
    let missing = false;
    for (let i = first; i < last; i++) {
      if (!this.cache.has(i)) { missing = true; break; }
    }
    clearTimeout(this.reportTimer);
    if (!missing) {
      // nothing to fetch: tell Python where the view is once scrolling settles
      this.reportTimer = window.setTimeout(() => this._request(), REPORT_IDLE);
      return;
    }
    if (this.inFlight) { this.again = true; return; }
    this._request();
  }

  _request() {
    const { first, count } = this._span();
    const margin = count * MARGIN_SCREENS;
    const start = Math.max(0, first - margin);
    const n = Math.min(this.total - start, count + 2 * margin);
    const maxX = this.$body.scrollWidth - this.$body.clientWidth;
    const h = maxX > 0 ? (100 * this.$body.scrollLeft) / maxX : 0;
    this.inFlight = true;
    this.again = false;
    this._ui('range', start, Math.max(0, n), first, Math.round(h * 100) / 100);
  }

  /** @param {number} start @param {any[][]} rows */
  _store(start, rows) {
    if (this.inFlight) this.inFlight = false;
    rows.forEach((r, k) => this.cache.set(start + k, r));
    // keep only what is near the view
    const { first, count } = this._span();
    const lo = first - 3 * count;
    const hi = first + 4 * count;
    if (this.cache.size > 8 * count + 50) {
      for (const i of this.cache.keys()) if (i < lo || i > hi) this.cache.delete(i);
    }
    if (this.again) { this.again = false; this._need(); }
  }

  // --------------------------------------------------------------- render
  _render() {
    if (this.viewH === 0) return;
    const { first, count } = this._span();
    const frac = this.y - first * this.rowH;
    while (this.pool.length < count) {
      const row = document.createElement('div');
      row.className = 'pgw-dv-row';
      row.setAttribute('role', 'row');
      this.$layer.append(row);
      this.pool.push(row);
    }
    for (let k = 0; k < this.pool.length; k++) {
      const row = this.pool[k];
      const i = first + k;
      if (k >= count || i >= this.total) {
        row.hidden = true;
        continue;
      }
      row.hidden = false;
      row.style.transform = `translateY(${k * this.rowH - frac}px)`;
      this._drawRow(row, i, this.cache.get(i));
    }
  }

  /**
   * @param {HTMLElement & {_cells?: HTMLElement[]}} row
   * @param {number} i display position
   * @param {any[] | undefined} data wire row
   */
  _drawRow(row, i, data) {
    const cols = this.columns;
    const numbers = this.$el.classList.contains('pgw-dv-row-numbers');
    let cells = row._cells;
    if (!cells || cells.length !== cols.length + (numbers ? 1 : 0)) {
      row.replaceChildren();
      cells = [];
      for (let c = 0; c < cols.length + (numbers ? 1 : 0); c++) {
        const cell = document.createElement('div');
        cell.className = 'pgw-dv-cell';
        row.append(cell);
        cells.push(cell);
      }
      row._cells = cells;
    }
    row.dataset.row = String(i);
    row.setAttribute('aria-rowindex', String(i + 2));
    row.classList.toggle('pgw-dv-odd', i % 2 === 1);
    row.classList.toggle('pgw-dv-loading', !data);
    const off = numbers ? 1 : 0;
    if (numbers) {
      cells[0].className = 'pgw-dv-cell pgw-dv-rownum';
      cells[0].textContent = String(i + 1);
    }
    const flags = data ? data[1] : 0;
    const selected = (flags & 1) !== 0;
    row.classList.toggle('pgw-dv-selected', selected);
    row.setAttribute('aria-selected', String(selected));
    if (this.tree && data) {
      row.setAttribute('aria-level', String(data[2] + 1));
      if (flags & 2) row.setAttribute('aria-expanded', String((flags & 4) !== 0));
      else row.removeAttribute('aria-expanded');
    } else {
      row.removeAttribute('aria-level');
      row.removeAttribute('aria-expanded');
    }
    const current = this.cursor && this.cursor[0] === i;
    row.classList.toggle('pgw-dv-current', !!current && !this.cellCursor);
    const rowColor = data ? data[3] : null;
    const cellColors = data ? data[4] : null;
    const selCols = data && data[5] ? new Set(data[5]) : null;
    let span = null;
    for (let ci = 0; ci < cols.length; ci++) {
      const cell = /** @type {any} */ (cells[ci + off]);
      const col = cols[ci];
      const value = data ? data[0][ci] : null;
      cell.className = 'pgw-dv-cell';
      cell.setAttribute('role', 'gridcell');
      cell.dataset.col = String(ci);
      cell.style.textAlign = col.halign || 'left';
      // an absent cell (null) is covered by the cell before it, unless it can be edited
      if (data && value === null && ci > 0 && span && !col.widget && !this._editable(ci)) {
        cell.hidden = true;
        span.n += 1;
        span.cell.style.gridColumn = `span ${span.n}`;
        continue;
      }
      cell.hidden = false;
      cell.style.gridColumn = '';
      span = { cell, n: 1 };
      if (ci === 0 && this.tree) this._drawTreeCell(cell, col, value, data);
      else drawCell(cell, col, value);
      const c = this._color(ci, rowColor, cellColors);
      cell.style.setProperty('--pgw-dv-cell-fg', c[0] || null);
      cell.style.setProperty('--pgw-dv-cell-bg', c[1] || null);
      cell.classList.toggle('pgw-dv-bold', !!c[2]);
      const cellSel = !!selCols && selCols.has(ci);
      cell.classList.toggle('pgw-dv-cell-selected', cellSel);
      if (selCols) cell.setAttribute('aria-selected', String(cellSel));
      else cell.removeAttribute('aria-selected');
      cell.classList.toggle('pgw-dv-cursor', !!current && this.cellCursor && this.cursor?.[1] === ci);
    }
  }

  /**
   * The first column of a tree row: indent, expander, text.
   * @param {any} cell @param {Record<string, any>} col @param {any} value @param {any[] | undefined} data
   */
  _drawTreeCell(cell, col, value, data) {
    if (cell._kind !== 'tree') {
      cell.replaceChildren();
      cell._kind = 'tree';
      const tw = document.createElement('span');
      tw.className = 'pgw-dv-twisty';
      tw.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      text.className = 'pgw-dv-text';
      cell.append(tw, text);
    }
    const depth = data ? data[2] : 0;
    const flags = data ? data[1] : 0;
    cell.style.paddingLeft = `calc(var(--pgw-dv-indent) * ${depth} + 4px)`;
    const tw = cell.firstChild;
    tw.textContent = flags & 2 ? (flags & 4 ? '▾' : '▸') : '';
    tw.dataset.toggle = flags & 2 ? '1' : '';
    const t = cellText(value, col.type);
    if (cell.children[1].textContent !== t) cell.children[1].textContent = t;
  }

  /**
   * A cell's colour: cell, then row, then column, then table, per component.
   * @param {number} ci @param {any} rowColor @param {any} cellColors
   */
  _color(ci, rowColor, cellColors) {
    const chain = [cellColors && cellColors[ci], rowColor, this.columnColors[ci], this.tableColor];
    const out = [null, null, null];
    for (let k = 0; k < 3; k++) {
      for (const c of chain) {
        if (c && c[k] !== null && c[k] !== undefined) { out[k] = c[k]; break; }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- input
  /** @param {Event} e @returns {[number, number] | null} row and column under the event */
  _hit(e) {
    const target = /** @type {HTMLElement} */ (e.target);
    const cell = /** @type {HTMLElement | null} */ (target.closest('.pgw-dv-cell'));
    const row = /** @type {HTMLElement | null} */ (target.closest('.pgw-dv-row'));
    if (!row || row.dataset.row === undefined) return null;
    const ci = cell && cell.dataset.col !== undefined ? Number(cell.dataset.col) : 0;
    return [Number(row.dataset.row), ci];
  }

  /** @param {MouseEvent} e */
  _onClick(e) {
    const hit = this._hit(e);
    if (!hit || !this.cache.has(hit[0])) return;
    const target = /** @type {HTMLElement} */ (e.target);
    this.$el.focus({ preventScroll: true });
    if (target.dataset.toggle) {
      this._ui('toggle', hit[0]);
      return;
    }
    if (target.classList.contains('pgw-dv-button')) {
      this._ui('action', hit[0], hit[1]);
      return;
    }
    if (target.classList.contains('pgw-dv-check')) return; // its change event reports
    this.cursor = hit;
    this._ui('click', hit[0], hit[1], e.shiftKey, e.ctrlKey || e.metaKey);
  }

  /** @param {MouseEvent} e */
  _onDblClick(e) {
    const hit = this._hit(e);
    if (!hit || !this.cache.has(hit[0])) return;
    const target = /** @type {HTMLElement} */ (e.target);
    if (target.dataset.toggle || target.closest('button, input')) return;
    if (this._editable(hit[1])) this._edit(hit[0], hit[1]);
    else this._ui('activate', hit[0], hit[1]);
  }

  /** A cell checkbox was toggled. @param {Event} e */
  _onCellChange(e) {
    const target = /** @type {HTMLInputElement} */ (e.target);
    if (!target.classList.contains('pgw-dv-check')) return;
    const hit = this._hit(e);
    if (hit) this._ui('edit', hit[0], hit[1], target.checked);
  }

  /** @param {number} ci */
  _editable(ci) {
    const col = this.columns[ci];
    if (!col || col.widget === 'checkbox' || col.widget === 'button' || col.widget === 'progress') {
      return false;
    }
    return !!col.editable || this.editableAll || col.widget === 'combobox';
  }

  /** @param {KeyboardEvent} e */
  _onKey(e) {
    if (this.editor || e.target !== this.$el) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const nav = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown',
      'Home', 'End', ' '];
    if (nav.includes(e.key) || (ctrl && e.key === 'a')) {
      e.preventDefault();
      const page = Math.max(1, Math.floor(this.viewH / this.rowH) - 1);
      this.keysPending += 1;
      this._ui('key', e.key, e.shiftKey, ctrl, page);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      const key = e.key;
      // the cursor is Python's: act on it once the keys before this one are answered
      const act = () => {
        const cur = this.cursor;
        if (!cur) return;
        if (this._editable(cur[1])) this._edit(cur[0], cur[1]);
        else if (key === 'Enter') this._ui('activate', cur[0], cur[1]);
      };
      if (this.keysPending > 0) this.afterKeys = act;
      else act();
    } else if (ctrl && (e.key === 'c' || e.key === 'x')) {
      e.preventDefault();
      this._ui(e.key === 'c' ? 'copy' : 'cut');
    } else if (ctrl && e.key === 'v') {
      e.preventDefault();
      this.dv_paste();
    }
  }

  /** Start editing a cell. @param {number} i @param {number} ci */
  _edit(i, ci) {
    this._reveal(i);
    const row = this.pool.find((r) => r.dataset.row === String(i) && !r.hidden);
    const data = this.cache.get(i);
    if (!row || !data) return;
    const cell = /** @type {HTMLElement | undefined} */ (
      [...row.children].find((c) => /** @type {HTMLElement} */ (c).dataset.col === String(ci)));
    if (!cell) return;
    const col = this.columns[ci];
    const old = data[0][ci];
    /** @type {HTMLInputElement | HTMLSelectElement} */
    let input;
    if (col.widget === 'combobox') {
      const sel = document.createElement('select');
      for (const choice of col.choices || []) {
        const o = document.createElement('option');
        o.value = String(choice);
        o.textContent = String(choice);
        sel.append(o);
      }
      sel.value = old === null ? '' : String(old);
      input = sel;
    } else {
      const inp = document.createElement('input');
      inp.type = 'text';
      inp.value = cellText(old, col.type === 'boolean' ? 'string' : col.type);
      input = inp;
    }
    input.className = 'pgw-dv-editor';
    input.setAttribute('aria-label', `Edit ${col.label || col.key}`);
    this.editor = input;
    this.editing = [i, ci, old];
    cell.append(input);
    input.focus();
    if (input instanceof HTMLInputElement) input.select();
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') { e.preventDefault(); this._closeEditor(true); }
      else if (e.key === 'Escape') { e.preventDefault(); this._closeEditor(false); }
    });
    input.addEventListener('blur', () => this._closeEditor(true));
  }

  /** @param {boolean} commit */
  _closeEditor(commit) {
    const input = this.editor;
    if (!input) return;
    this.editor = null;
    const [i, ci, old] = this.editing;
    const value = input.value;
    input.remove();
    this.$el.focus({ preventScroll: true });
    if (!commit) return;
    const col = this.columns[ci];
    if (value === cellText(old, col.type === 'boolean' ? 'string' : col.type)) return;
    const data = this.cache.get(i);
    if (data) data[0][ci] = value; // shown until Python's row arrives
    this._render();
    this._ui('edit', i, ci, value);
  }

  /** @param {MouseEvent} e */
  _onHeaderClick(e) {
    const target = /** @type {HTMLElement} */ (e.target);
    if (target.classList.contains('pgw-dv-grip') || this.dragged) {
      this.dragged = false;
      return;
    }
    const head = /** @type {HTMLElement | null} */ (target.closest('.pgw-dv-colhead'));
    if (!head || !this.sortable) return;
    this._ui('sort', Number(head.dataset.col));
  }

  /** Column resize by dragging the grip at a header's right edge. @param {PointerEvent} e */
  _onResizeStart(e) {
    const grip = /** @type {HTMLElement} */ (e.target);
    if (!grip.classList.contains('pgw-dv-grip')) return;
    e.preventDefault();
    const ci = Number(grip.dataset.col);
    const x0 = e.clientX;
    const w0 = this.widths[ci];
    grip.setPointerCapture(e.pointerId);
    const move = (/** @type {PointerEvent} */ ev) => {
      this.columns[ci].width = Math.max(24, Math.round(w0 + ev.clientX - x0));
      this._tracks();
    };
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      this.dragged = true;
      this._ui('width', ci, this.columns[ci].width);
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
  }
}
