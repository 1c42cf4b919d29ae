// @ts-check
/**
 * Scaled scrolling: a list taller than the browser can lay out.
 *
 * Chromium caps an element's height near 33.5 M px, about 1.4 M rows of 24 px. The data
 * view's scroll canvas is therefore at most `MAX_CANVAS` px tall; when the rows need more,
 * the scroll bar's range is mapped linearly onto the rows' range, so every one of 10 M
 * rows can still be reached with the bar, the wheel, the keyboard and `scroll_to_path`.
 * Below the cap the mapping is the identity (one pixel is one pixel).
 *
 * Pure arithmetic, no DOM, so it is tested under node (tests/unit/test_scaled_js.py).
 * @module dataview/scaled
 */

/** The tallest canvas we make, well under every engine's limit. */
export const MAX_CANVAS = 8_000_000;

/**
 * The scroll geometry of `total` rows of `rowH` px in a viewport `viewH` px tall.
 * @param {number} total
 * @param {number} rowH
 * @param {number} viewH
 * @returns {{canvas: number, maxScroll: number, maxY: number, scaled: boolean}}
 *   canvas: the canvas height; maxScroll: the largest scrollTop; maxY: the largest
 *   content offset (px of rows above the view); scaled: whether they differ.
 */
export function geometry(total, rowH, viewH) {
  const natural = total * rowH;
  const canvas = Math.min(natural, MAX_CANVAS);
  const maxScroll = Math.max(0, canvas - viewH);
  const maxY = Math.max(0, natural - viewH);
  return { canvas, maxScroll, maxY, scaled: natural > MAX_CANVAS };
}

/**
 * The content offset (px of rows above the view) for a scrollTop.
 * @param {number} scrollTop
 * @param {ReturnType<typeof geometry>} g
 */
export function offsetOf(scrollTop, g) {
  if (!g.scaled || g.maxScroll === 0) return Math.min(scrollTop, g.maxY);
  return Math.min(g.maxY, (scrollTop / g.maxScroll) * g.maxY);
}

/**
 * The scrollTop that shows content offset `y`.
 * @param {number} y
 * @param {ReturnType<typeof geometry>} g
 */
export function scrollTopOf(y, g) {
  const clamped = Math.max(0, Math.min(y, g.maxY));
  if (!g.scaled || g.maxY === 0) return clamped;
  return (clamped / g.maxY) * g.maxScroll;
}

/**
 * The content offset that brings row `i` into a view of `rows` full rows with the least
 * movement from `y` (unchanged when it is already in view).
 * @param {number} i
 * @param {number} y current content offset
 * @param {number} rowH
 * @param {number} viewH
 */
export function revealOffset(i, y, rowH, viewH) {
  const top = i * rowH;
  if (top < y) return top;
  if (top + rowH > y + viewH) return top + rowH - viewH;
  return y;
}
