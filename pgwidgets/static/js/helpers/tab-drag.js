// @ts-check
/**
 * TabDrag: moving the tabs of a reorderable TabWidget with a pointer (mouse, touch, pen).
 *
 * A press on a tab, then a move of more than `DRAG_THRESHOLD` pixels, starts a drag. While
 * it lasts the tabs are rearranged live (the dragged one passes a neighbour when the
 * pointer crosses that neighbour's middle) and the dragged tab is marked `data-dragging`;
 * only the tab bar's DOM changes. Releasing commits the move through the widget
 * (`_userMove`, which reports `page-move`); Escape, a cancelled pointer or a lost capture
 * put the tabs back. The click that ends a drag does not select the tab, so the selected
 * page stays selected. The pointer is captured by the pressed tab, which the rearranging
 * never detaches (it moves its neighbours instead), so the capture holds.
 * @module tab-drag
 */

import { followDrag } from './pointer-drag.js';

/** Pixels a pressed pointer travels before the press becomes a drag (a click otherwise). */
const DRAG_THRESHOLD = 5;

export default class TabDrag {
  /** @param {import('../widgets/TabWidget.js').default} tabs */
  constructor(tabs) {
    this.tabs = tabs;
    /**
     * The press or drag in progress.
     * @type {{pointerId: number, child: any, tab: HTMLElement, x: number, y: number,
     *   active: boolean, to: number} | null}
     */
    this.drag = null;
    /** swallow the click that ends a drag (it would select the dragged tab) */
    this.eatClick = false;
    /** @type {(() => void) | null} stops following the pointer (pointer-drag.js) */
    this._stop = null;
    const bar = tabs.$bar;
    bar.addEventListener('pointerdown', (ev) => this._down(ev));
    bar.addEventListener('click', (ev) => {
      if (!this.eatClick) return;
      this.eatClick = false;
      ev.stopPropagation();
    }, true);
  }

  /** @param {PointerEvent} ev */
  _down(ev) {
    this.eatClick = false;
    if (this.drag || ev.button !== 0 || !ev.isPrimary) return;
    const tab = /** @type {HTMLElement|null} */ (
      /** @type {HTMLElement} */ (ev.target).closest('.pgw-tab'));
    const child = this.tabs.children.find((c) => this.tabs.pages.get(c)?.tab === tab);
    if (!tab || !child) return;
    this.drag = { pointerId: ev.pointerId, child, tab, x: ev.clientX, y: ev.clientY,
      active: false, to: this.tabs.children.indexOf(child) };
    this._stop = followDrag(tab, ev, {
      onMove: (e) => this._move(e),
      onEnd: (e, cancelled) => (cancelled ? this.cancel() : this._up(e)),
    });
  }

  /** @param {PointerEvent} ev */
  _move(ev) {
    const d = this.drag;
    if (!d || ev.pointerId !== d.pointerId) return;
    if (!this.tabs.children.includes(d.child)) {
      this.cancel();
      return;
    }
    if (!d.active) {
      if (Math.hypot(ev.clientX - d.x, ev.clientY - d.y) < DRAG_THRESHOLD) return;
      d.active = true;
      d.tab.dataset.dragging = '';
    }
    ev.preventDefault();
    const to = this._target(ev);
    if (to === d.to) return;
    d.to = to;
    const order = [...this.tabs.children];
    order.splice(to, 0, ...order.splice(order.indexOf(d.child), 1));
    this.tabs._arrange(order, d.tab);
  }

  /**
   * The index the dragged tab should take: past each neighbour whose middle the pointer
   * has crossed, measured on the current (rearranged) tabs, so tabs of different sizes
   * do not swap back and forth.
   * @param {PointerEvent} ev
   * @returns {number}
   */
  _target(ev) {
    const d = /** @type {NonNullable<TabDrag['drag']>} */ (this.drag);
    const vertical = this.tabs._vertical();
    const at = vertical ? ev.clientY : ev.clientX;
    const shown = [...this.tabs.$bar.children];
    const from = shown.indexOf(d.tab);
    /** @param {Element} el */
    const middle = (el) => {
      const r = el.getBoundingClientRect();
      return vertical ? r.top + r.height / 2 : r.left + r.width / 2;
    };
    let to = from;
    for (let i = from + 1; i < shown.length; i++) if (at > middle(shown[i])) to = i;
    for (let i = from - 1; i >= 0; i--) if (at < middle(shown[i])) to = i;
    return to;
  }

  /** @param {PointerEvent} ev */
  _up(ev) {
    const d = this.drag;
    if (!d || ev.pointerId !== d.pointerId) return;
    this.drag = null;
    this._stop = null; // followDrag has ended
    if (!d.active) return; // a click: the tab's click handler selects it
    delete d.tab.dataset.dragging;
    this.eatClick = true;
    const from = this.tabs.children.indexOf(d.child);
    if (from < 0 || !this.tabs._userMove(from, d.to)) this.tabs._arrange();
  }

  /** Stop a drag and put the tabs back where they were (Escape, a cancelled pointer). */
  cancel() {
    const d = this.drag;
    if (!d) return;
    this.drag = null;
    this._stop?.(); // releases the capture
    this._stop = null;
    if (!d.active) return;
    delete d.tab.dataset.dragging;
    this.eatClick = true;
    this.tabs._arrange();
  }

  /** Whether a drag (not a mere press) is in progress. */
  get dragging() { return !!this.drag && this.drag.active; }
}
