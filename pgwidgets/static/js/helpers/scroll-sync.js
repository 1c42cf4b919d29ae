// @ts-check
/**
 * ScrollSync: keeps a scrollable element's position as fractions 0..1, applies positions
 * set from Python once the element has a size (after a rebuild it may still be hidden),
 * and reports user scrolling as `scrolled(h, v)` (one report per frame; a position Python
 * set is not reported back).
 * @module scroll-sync
 */

const EPS = 0.002;

export default class ScrollSync {
  /**
   * @param {import('../widget.js').Widget} widget the widget that emits `scrolled`
   * @param {HTMLElement} el the scrolling element
   */
  constructor(widget, el) {
    this.widget = widget;
    this.el = el;
    /** the position Python knows */
    this.known = [0, 0];
    /** @type {number[] | null} */
    this.pending = null;
    this._frame = 0;
    el.addEventListener('scroll', () => {
      if (this.pending || this._frame) return;
      this._frame = requestAnimationFrame(() => {
        this._frame = 0;
        this._report();
      });
    }, { passive: true });
    this._observer = new ResizeObserver(() => this._apply());
    this._observer.observe(el);
  }

  /** @returns {[number, number]} */
  fractions() {
    const el = this.el;
    const mh = el.scrollWidth - el.clientWidth;
    const mv = el.scrollHeight - el.clientHeight;
    const round = (/** @type {number} */ x) => Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;
    return [mh > 0 ? round(el.scrollLeft / mh) : 0, mv > 0 ? round(el.scrollTop / mv) : 0];
  }

  _report() {
    const [h, v] = this.fractions();
    const [kh, kv] = this.known;
    // tiny moves are noise, except arriving at an edge: Python must learn "at the end"
    const edge = (/** @type {number} */ x, /** @type {number} */ k) => (x === 0 || x === 1) && x !== k;
    if (Math.abs(h - kh) < EPS && Math.abs(v - kv) < EPS && !edge(h, kh) && !edge(v, kv)) return;
    this.known = [h, v];
    this.widget.emit('scrolled', h, v);
  }

  /** @param {number} h @param {number} v */
  set(h, v) {
    this.known = [Number(h) || 0, Number(v) || 0];
    this.pending = this.known;
    this._apply();
  }

  _apply() {
    const el = this.el;
    if (!this.pending || !el.isConnected || el.clientHeight === 0) return;
    const [h, v] = this.pending;
    el.scrollLeft = h * (el.scrollWidth - el.clientWidth);
    el.scrollTop = v * (el.scrollHeight - el.clientHeight);
    // the scroll event of this assignment comes later: let it pass unreported
    requestAnimationFrame(() => { this.pending = null; });
  }

  /** The content changed (text set or added): keep a pending position. */
  contentChanged() { this._apply(); }

  destroy() {
    this._observer.disconnect();
    cancelAnimationFrame(this._frame);
  }
}
