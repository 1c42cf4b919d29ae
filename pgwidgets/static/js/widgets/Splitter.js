// @ts-check
/**
 * Splitter: panes in a row (horizontal) or a column (vertical) with a handle between each
 * pair. Pane sizes are flex-grow weights, so `set_sizes` is proportional and the panes
 * keep their ratio when the splitter is resized.
 *
 * Handles are `role=separator` with `aria-valuenow` (the handle position in percent of
 * the splitter); they move with a pointer drag (mouse, touch, pen) or with the arrow keys
 * (Shift: bigger steps), Home and End. `sizing(sizes)` reports pane sizes in pixels when
 * a drag ends or after each key.
 *
 * The internal channel `_sizes(sizes, basis)` keeps Python's `get_sizes()` true to the
 * layout: pane sizes in pixels, sent when the splitter is first laid out with a non-zero
 * size and whenever the layout changes them later (window or container resize, a pane
 * added or removed). Reports are coalesced to one per animation frame and only sent when
 * the sizes changed; nothing is sent while hidden, during a drag (its `sizing` tells) or
 * for a change a Python `set_sizes` made (no echo). `basis` is the last sizes Python set
 * (or saw in `sizing`) when the measurement was made, so Python can drop a stale report.
 */
import { ContainerWidget } from '../container.js';
import { uid } from '../widget.js';
import { followDrag } from '../helpers/pointer-drag.js';

const STEP = 10;
const BIG_STEP = 50;
const DEFAULT_MIN = 20;

export default class Splitter extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.vertical = options.orientation === 'vertical';
    this.$el.dataset.orientation = this.vertical ? 'vertical' : 'horizontal';
    /** @type {HTMLElement[]} */
    this.panes = [];
    /** @type {HTMLElement[]} handle i sits between pane i and pane i + 1 */
    this.handles = [];
    /** @type {number[] | null} the pane sizes Python knows (null: never laid out) */
    this._known = null;
    /** @type {any} the sizes Python holds as set_sizes/sizing, sent as `basis` */
    this._basis = null;
    /** the next measurement only updates `_known` (a set_sizes while hidden) */
    this._absorb = false;
    this._dragging = false;
    /** pending requestAnimationFrame id (0: none) */
    this._frame = 0;
    this._observer = new ResizeObserver(() => this._scheduleMeasure());
  }

  /** @param {any} child */
  placeChild(child) {
    const pane = document.createElement('div');
    pane.className = 'pgw-splitter-pane';
    pane.id = uid('pgw-pane');
    pane.style.flexGrow = '1';
    pane.dataset.min = String(DEFAULT_MIN);
    pane.appendChild(child.$el);
    if (this.panes.length) {
      const handle = this._makeHandle();
      this.handles.push(handle);
      this.$el.appendChild(handle);
    }
    this.panes.push(pane);
    this.$el.appendChild(pane);
    this._observer.observe(pane);
    this._updateHandles();
  }

  /** Remove the child's pane and one neighbouring handle. @param {any} child */
  unplaceChild(child) {
    const i = this.panes.findIndex((p) => !p.firstChild || p.firstChild === child.$el);
    if (i < 0) return;
    this._observer.unobserve(this.panes[i]);
    this.panes[i].remove();
    this.panes.splice(i, 1);
    const h = i > 0 ? i - 1 : 0;
    if (this.handles[h]) {
      this.handles[h].remove();
      this.handles.splice(h, 1);
    }
    this._updateHandles();
    this._scheduleMeasure(); // the last pane leaves no resized neighbour to observe
  }

  _makeHandle() {
    const handle = document.createElement('div');
    handle.className = 'pgw-splitter-handle';
    handle.tabIndex = 0;
    handle.setAttribute('role', 'separator');
    handle.setAttribute('aria-orientation', this.vertical ? 'horizontal' : 'vertical');
    handle.setAttribute('aria-valuemin', '0');
    handle.setAttribute('aria-valuemax', '100');
    handle.setAttribute('aria-label', 'Resize panes');
    handle.addEventListener('pointerdown', (ev) => this._drag(handle, ev));
    handle.addEventListener('keydown', (ev) => this._key(handle, ev));
    return handle;
  }

  /** @param {HTMLElement} pane */
  _px(pane) { return this.vertical ? pane.offsetHeight : pane.offsetWidth; }

  /** Make every pane's weight its current pixel size (so a move is exact). */
  _freeze() {
    const px = this.panes.map((p) => this._px(p));
    this.panes.forEach((p, i) => { p.style.flexGrow = String(px[i]); });
    return px;
  }

  /** Tell Python the sizes a handle move gave (public `sizing`, also the new basis). */
  _reportMove() {
    const px = this.get_sizes();
    this._known = px;
    this._basis = px;
    this._absorb = false;
    this.emit('sizing', px);
  }

  /** Measure on the next animation frame (several changes in a frame: one measurement). */
  _scheduleMeasure() {
    if (this._frame === 0) {
      this._frame = requestAnimationFrame(() => {
        this._frame = 0;
        this._measure();
      });
    }
  }

  /** Report the pane sizes to Python if the layout changed them (see the module doc). */
  _measure() {
    if (this._dragging || !this.$el.isConnected) return;
    const px = this.get_sizes();
    if (px.length && px.every((v) => v === 0)) return; // hidden or not laid out: keep
    const known = this._known;
    const same = known !== null && known.length === px.length
      && known.every((v, i) => v === px[i]);
    this._known = px;
    if (this._absorb) {
      this._absorb = false;
      return;
    }
    if (!same) this.emit('_sizes', px, this._basis);
  }

  /**
   * Move handle `i` by `delta` pixels (clamped by the two panes' minimum sizes).
   * @param {number} i
   * @param {number} delta
   * @param {number[]} px sizes at the start of the move
   */
  _move(i, delta, px) {
    const a = this.panes[i];
    const b = this.panes[i + 1];
    const total = px[i] + px[i + 1];
    const minA = Number(a.dataset.min);
    const minB = Number(b.dataset.min);
    const sizeA = Math.max(minA, Math.min(total - minB, px[i] + delta));
    a.style.flexGrow = String(sizeA);
    b.style.flexGrow = String(total - sizeA);
    this._updateHandles();
  }

  /** @param {HTMLElement} handle @param {PointerEvent} ev */
  _drag(handle, ev) {
    if (ev.button !== 0) return;
    ev.preventDefault();
    handle.focus();
    const i = this.handles.indexOf(handle);
    const px = this._freeze();
    handle.dataset.dragging = '';
    this._dragging = true;
    followDrag(handle, ev, {
      onMove: (_e, dx, dy) => this._move(i, this.vertical ? dy : dx, px),
      onEnd: () => {
        delete handle.dataset.dragging;
        this._dragging = false;
        this._reportMove();
      },
    });
  }

  /** @param {HTMLElement} handle @param {KeyboardEvent} ev */
  _key(handle, ev) {
    const back = this.vertical ? 'ArrowUp' : 'ArrowLeft';
    const fwd = this.vertical ? 'ArrowDown' : 'ArrowRight';
    const i = this.handles.indexOf(handle);
    const step = ev.shiftKey ? BIG_STEP : STEP;
    /** @type {Record<string, number>} */
    const deltas = { [back]: -step, [fwd]: step, Home: -Infinity, End: Infinity };
    if (!(ev.key in deltas)) return;
    ev.preventDefault();
    const px = this._freeze();
    const delta = deltas[ev.key];
    this._move(i, Number.isFinite(delta) ? delta : (delta < 0 ? -px[i] : px[i + 1]), px);
    this._reportMove();
  }

  /** Refresh each handle's aria-valuenow from the weights (works before layout). */
  _updateHandles() {
    const weights = this.panes.map((p) => Number(p.style.flexGrow) || 0);
    const total = weights.reduce((s, w) => s + w, 0) || 1;
    let before = 0;
    this.handles.forEach((h, i) => {
      before += weights[i];
      h.setAttribute('aria-valuenow', String(Math.round((100 * before) / total)));
      h.setAttribute('aria-controls', this.panes[i].id);
    });
  }

  /** @param {number[]} sizes proportional weights (usually pixels), one per pane */
  set_sizes(sizes) {
    (sizes || []).forEach((s, i) => {
      if (this.panes[i] && Number(s) >= 0) this.panes[i].style.flexGrow = String(Number(s));
    });
    this._updateHandles();
    this._basis = sizes;
    if (this._known !== null) {
      // laid out before: what this call changes is Python's doing, so it is not measured
      // back; measured now (a forced layout), so a resize that comes after it still is.
      // (A report measured before this call arrived is stale: Python drops it.)
      const px = this.$el.isConnected ? this.get_sizes() : [];
      const shown = px.some((v) => v !== 0);
      if (shown) this._known = px;
      this._absorb = !shown; // hidden: skip the change when shown again
    }
  }

  get_sizes() { return this.panes.map((p) => this._px(p)); }

  /** @param {any} child @param {number} minPx */
  set_minimum_size(child, minPx) {
    const pane = this.panes.find((p) => p.firstChild === child.$el);
    if (pane) pane.dataset.min = String(Math.max(0, Number(minPx) || 0));
  }

  destroy() {
    this._observer.disconnect();
    if (this._frame !== 0) cancelAnimationFrame(this._frame);
    this._frame = 0;
    super.destroy();
  }
}
