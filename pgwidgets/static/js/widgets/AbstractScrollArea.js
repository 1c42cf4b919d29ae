// @ts-check
/**
 * AbstractScrollArea: native scroll bars over a child that draws a *virtual* area itself.
 *
 * The scroller is a real overflow container, so the wheel, touch, keyboard (it is
 * focusable) and the bars all scroll it. Its scrollable size comes from a spacer sized by
 * the thumb fractions (`set_thumb_percent(h, v)`: visible part of the whole, 0..1), while
 * the child sits in a sticky view that always fills the visible area. `scrolled(h, v)`
 * reports positions as fractions 0..1 (throttled, always with the final position);
 * `area-resize(width, height, vbar_width, hbar_height)` reports the view size.
 *
 * Scroll positions set from Python never echo, and wait for layout when the area is not
 * shown yet (a rebuild replays them before the window appears).
 */
import { ContainerWidget } from '../container.js';
import { cssSize } from '../widget.js';

const THROTTLE_MS = 80;
/** @type {Record<string, string>} */
const POLICY = { auto: 'auto', on: 'scroll', always: 'scroll', off: 'hidden', overflow: 'auto' };

export default class AbstractScrollArea extends ContainerWidget {
  /** true: the child draws a virtual area (spacer + sticky view); false: it scrolls itself */
  static virtual = true;

  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    const virtual = /** @type {typeof AbstractScrollArea} */ (this.constructor).virtual;
    /** @type {[number|null, number|null]} positions waiting for layout */
    this._pending = [null, null];
    /** @type {[number, number] | null} where a Python call put the scroller */
    this._quiet = null;
    this.$el.classList.add('pgw-scroll-area');
    this.$scroller = document.createElement('div');
    this.$scroller.className = 'pgw-scroller';
    this.$scroller.tabIndex = 0;
    this.$scroller.setAttribute('role', 'region');
    this.$scroller.setAttribute('aria-label', 'Scrollable area');
    this.$view = document.createElement('div');
    this.$view.className = virtual ? 'pgw-scroll-view' : 'pgw-scroll-content';
    this.$scroller.appendChild(this.$view);
    if (virtual) {
      this.$spacer = document.createElement('div');
      this.$spacer.className = 'pgw-scroll-spacer';
      this.$spacer.setAttribute('aria-hidden', 'true');
      this.$scroller.appendChild(this.$spacer);
      this.set_thumb_percent(1, 1);
    }
    this.$el.appendChild(this.$scroller);
    this.$content = this.$view;
    if (options.thickness != null) {
      this.$el.style.setProperty('--pgw-scrollbar-size', cssSize(options.thickness));
    }
    this.set_scroll_bar_visibility(options.hscrollbar || 'auto', options.vscrollbar || 'auto');
    this._lastSent = '';
    /** @type {number | undefined} */
    this._timer = undefined;
    this._lastEmit = 0;
    this.$scroller.addEventListener('scroll', () => this._onScroll(), { passive: true });
    this._observer = new ResizeObserver(() => this._onResize());
    this._observer.observe(this.$scroller);
    this._observer.observe(this.$view);
  }

  /** @returns {[number, number]} */
  _max() {
    const s = this.$scroller;
    return [s.scrollWidth - s.clientWidth, s.scrollHeight - s.clientHeight];
  }

  /** @returns {[number, number]} */
  _fractions() {
    const [mx, my] = this._max();
    const s = this.$scroller;
    const r = (/** @type {number} */ v) => Math.round(v * 10000) / 10000;
    return [mx > 0 ? r(s.scrollLeft / mx) : 0, my > 0 ? r(s.scrollTop / my) : 0];
  }

  _onScroll() {
    const s = this.$scroller;
    if (this._quiet && Math.abs(s.scrollLeft - this._quiet[0]) < 1
        && Math.abs(s.scrollTop - this._quiet[1]) < 1) {
      return;
    }
    this._quiet = null;
    this._pending = [null, null];
    const now = performance.now();
    clearTimeout(this._timer);
    if (now - this._lastEmit >= THROTTLE_MS) this._emitScrolled();
    else this._timer = window.setTimeout(() => this._emitScrolled(), THROTTLE_MS);
  }

  _emitScrolled() {
    this._lastEmit = performance.now();
    const f = this._fractions();
    const key = f.join(',');
    if (key === this._lastSent) return;
    this._lastSent = key;
    this.emit('scrolled', f[0], f[1]);
  }

  _onResize() {
    this._applyPending();
    const s = this.$scroller;
    if (this._listen.has('area-resize') && s.clientWidth > 0) {
      this.emit('area-resize', s.clientWidth, s.clientHeight, s.offsetWidth - s.clientWidth,
        s.offsetHeight - s.clientHeight);
    }
  }

  /** Scroll to the pending fractions on each axis that can scroll now. */
  _applyPending() {
    const [ph, pv] = this._pending;
    if (ph === null && pv === null) return;
    const [mx, my] = this._max();
    const s = this.$scroller;
    if (ph !== null && (mx > 0 || ph === 0)) {
      s.scrollLeft = ph * mx;
      this._pending[0] = null;
    }
    if (pv !== null && (my > 0 || pv === 0)) {
      s.scrollTop = pv * my;
      this._pending[1] = null;
    }
    this._quiet = [s.scrollLeft, s.scrollTop];
    this._lastSent = this._fractions().join(',');
  }

  /** @param {number|null} h @param {number|null} v fractions 0..1 */
  set_scroll_percent(h, v) {
    const clamp = (/** @type {any} */ x) => (x == null ? null
      : Math.max(0, Math.min(1, Number(x) || 0)));
    this._pending = [clamp(h), clamp(v)];
    this._applyPending();
  }

  get_scroll_percent() { return this._fractions(); }

  /** @param {number} h @param {number} v visible fraction of the whole on each axis */
  set_thumb_percent(h, v) {
    if (!this.$spacer) return;
    const pct = (/** @type {number} */ x) => `${100 / Math.max(0.001, Math.min(1, Number(x) || 1))}%`;
    this.$spacer.style.width = pct(h);
    this.$spacer.style.height = pct(v);
    this._thumb = [Number(h) || 1, Number(v) || 1];
    this._applyPending();
  }

  get_thumb_percent() { return this._thumb || [1, 1]; }

  /** @param {string} horizontal @param {string} vertical 'auto' | 'on' | 'off' */
  set_scroll_bar_visibility(horizontal, vertical) {
    for (const [axis, policy] of [['x', horizontal], ['y', vertical]]) {
      const css = POLICY[String(policy || 'auto')];
      if (!css) throw new Error(`bad scroll bar policy ${policy}: use auto, on or off`);
      this.$scroller.style.setProperty(`overflow-${axis}`, css);
    }
  }

  focusTarget() { return this.$scroller; }

  destroy() {
    this._observer.disconnect();
    clearTimeout(this._timer);
    super.destroy();
  }
}
