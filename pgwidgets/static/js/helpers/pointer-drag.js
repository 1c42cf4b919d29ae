// @ts-check
/**
 * The one pointer-drag loop every dragging widget uses (TopLevel move and resize, Splitter,
 * ColorWidget, ScrollBar, Dial, tab-drag.js): capture the pointer that pressed, follow its
 * moves, end once on release, cancel or lost capture. Pointer events, so mouse, touch and
 * pen all work; other pointers (a second finger) are ignored.
 * @module pointer-drag
 */

/**
 * @typedef {object} DragHandlers
 * @property {(e: PointerEvent, dx: number, dy: number) => void} onMove every move of the
 *   pointer, with its offset from where the drag started (CSS pixels)
 * @property {(e: PointerEvent, cancelled: boolean) => void} [onEnd] once, when the
 *   pointer is released (`cancelled` false), or the drag is cancelled by the browser
 *   (pointercancel) or loses its capture (`cancelled` true)
 */

/**
 * Follow the drag that the pointerdown `ev` starts on `target` (call it from the
 * pointerdown handler; it does not prevent the event's default).
 * @param {HTMLElement} target the element that captures the pointer
 * @param {PointerEvent} ev the pointerdown
 * @param {DragHandlers} handlers
 * @returns {() => void} stops the drag at once, without calling `onEnd` (Escape, a
 *   widget going away)
 */
export function followDrag(target, ev, { onMove, onEnd }) {
  const id = ev.pointerId;
  const startX = ev.clientX;
  const startY = ev.clientY;
  try {
    target.setPointerCapture(id);
  } catch { /* the pointer is already gone: the drag ends with its pointerup, if any */ }
  /** @param {Event} e */
  const move = (e) => {
    const p = /** @type {PointerEvent} */ (e);
    if (p.pointerId === id) onMove(p, p.clientX - startX, p.clientY - startY);
  };
  let over = false;
  const stop = () => {
    if (over) return;
    over = true;
    target.removeEventListener('pointermove', move);
    for (const type of ENDS) target.removeEventListener(type, end);
    if (target.hasPointerCapture?.(id)) target.releasePointerCapture(id);
  };
  /** @param {Event} e */
  const end = (e) => {
    const p = /** @type {PointerEvent} */ (e);
    if (over || p.pointerId !== id) return;
    stop();
    onEnd?.(p, p.type !== 'pointerup');
  };
  target.addEventListener('pointermove', move);
  for (const type of ENDS) target.addEventListener(type, end);
  return stop;
}

/** the events that end a drag (lostpointercapture also follows a pointerup: ignored) */
const ENDS = ['pointerup', 'pointercancel', 'lostpointercapture'];
