// @ts-check
/**
 * Measured size: what keeps Python's copy of a widget's size current, and the `resize` and
 * `map` callbacks. `Widget` (widget.js) calls these; its `get_size`, `resize` and
 * `listen` are the entry points.
 *
 * Python's `get_size()` answers the size a widget really has, from Python state. Widgets
 * are measured only once Python asks (it listens to the internal `_size` channel; windows
 * from the start), so a page of thousands of widgets watches none it does not need. A
 * measured widget is in the shared ResizeObserver and reports
 * `_size(width, height, basis)` (offset size in CSS pixels) at most once per animation
 * frame, only when it differs from what Python holds, never while not rendered (hidden:
 * 0 x 0) and never for a Python `resize` that came out as set (no echo). `basis` is the
 * last `resize` Python sent, so Python drops a report that crossed a newer one.
 *
 * The state lives on the widget (`_listen`, `_lastSize`, `_mapped`, `_knownSize`,
 * `_sizeBasis`, `_sizeHeld`, set up by its constructor); this module holds the shared
 * observer and the frame that measures.
 * @module measure
 */

/** The internal channel that keeps Python's copy of a widget's size current. */
export const SIZE_CHANNEL = '_size';

/**
 * What this module needs of a widget.
 * @typedef {{ $el: HTMLElement, _listen: Set<string>, _lastSize: [number, number] | null,
 *   _mapped: boolean, _knownSize: [number, number] | null, _sizeBasis: any[] | null,
 *   _sizeHeld: boolean, emit: (action: string, ...args: any[]) => void,
 *   listen: (action: string) => void, _rendered: () => boolean }} Measured
 */

/** @type {Set<Measured>} widgets with a measurement due in the next animation frame */
const sizesDue = new Set();
/** pending requestAnimationFrame id for `sizesDue` (0: none) */
let sizesFrame = 0;

/**
 * Measure `w` on the next animation frame (all widgets due then are measured together;
 * several changes in one frame give one measurement).
 * @param {Measured} w
 */
export function measureSoon(w) {
  sizesDue.add(w);
  if (sizesFrame === 0) {
    sizesFrame = requestAnimationFrame(() => {
      sizesFrame = 0;
      const due = [...sizesDue];
      sizesDue.clear();
      for (const widget of due) reportSize(widget);
    });
  }
}

/** @param {any} v @returns {v is number} a size in pixels (not null or a CSS string) */
export const isPx = (v) => typeof v === 'number' && Number.isFinite(v);

/** @param {ResizeObserverEntry[]} entries */
function onResize(entries) {
  for (const entry of entries) {
    const w = /** @type {any} */ (entry.target).__pgw;
    if (!w) continue;
    if (w._listen.has(SIZE_CHANNEL)) measureSoon(w);
    const el = /** @type {HTMLElement} */ (entry.target);
    const box = entry.contentRect;
    const width = Math.round(el.offsetWidth || box.width);
    const height = Math.round(el.offsetHeight || box.height);
    if (w._lastSize && w._lastSize[0] === width && w._lastSize[1] === height) continue;
    w._lastSize = [width, height];
    w.emit('resize', { width, height });
    if (w._listen.has('map') && width > 0 && height > 0 && !w._mapped) {
      w._mapped = true;
      const r = el.getBoundingClientRect();
      w.emit('map', { x: Math.round(r.x), y: Math.round(r.y), viewport_x: Math.round(r.x),
        viewport_y: Math.round(r.y), width, height });
    } else if (width === 0 && height === 0) {
      w._mapped = false;
    }
  }
}

/** @type {ResizeObserver | null} one observer for every widget that listens to `resize`, `map` or `_size` */
let observer = null;

/**
 * Watch the widget's size (it listens to `resize`, `map` or `_size`).
 * @param {Measured} w
 */
export function observeSize(w) {
  if (!observer) observer = new ResizeObserver(onResize);
  observer.observe(w.$el);
  // a measured child of a long box is never skipped (box.css): skipped, it would measure
  // as the long box's placeholder, not as itself
  w.$el.classList.add('pgw-measured');
}

/** The widget is going: stop watching it. @param {Measured} w */
export function forgetSize(w) {
  observer?.unobserve(w.$el);
  sizesDue.delete(w);
}

/**
 * Python's `resize` was applied: expect that size (Python now answers it), so that it is
 * not reported back unless it comes out otherwise.
 * @param {Measured} w
 * @param {number|string|null|undefined} width
 * @param {number|string|null|undefined} height
 */
export function expectSize(w, width, height) {
  const x = width === undefined ? null : width;
  const y = height === undefined ? null : height;
  w._sizeBasis = [x, y];
  // a side left alone or given in CSS units: Python cannot know it, so always report
  w._knownSize = isPx(x) && isPx(y) ? [x, y] : null;
  if (w._listen.has(SIZE_CHANNEL)) measureSoon(w);
}

/**
 * The user resized the widget and `resized(width, height)` told Python: that is now
 * Python's size setting and its answer.
 * @param {Measured} w
 * @param {number} width
 * @param {number} height
 */
export function userResized(w, width, height) {
  w._sizeBasis = [width, height];
  w._knownSize = [width, height];
}

/**
 * Hold `_size` reports while the user resizes the widget (a drag): the drag's own
 * callback tells Python; `hold = false` ends it and measures once more.
 * @param {Measured} w
 * @param {boolean} hold
 */
export function holdSize(w, hold) {
  w._sizeHeld = hold;
  if (!hold && w._listen.has(SIZE_CHANNEL)) measureSoon(w);
}

/**
 * The query behind Python's first `get_size()`: from now on keep Python's copy of the
 * size current (`_size`), and answer `[width, height, basis]` in CSS pixels, or null when
 * the widget is not rendered (then it reports once it is).
 * @param {Measured} w
 * @returns {any[] | null}
 */
export function answerSize(w) {
  if (!w._listen.has(SIZE_CHANNEL)) w.listen(SIZE_CHANNEL);
  if (!w._rendered()) return null;
  w._knownSize = [w.$el.offsetWidth, w.$el.offsetHeight];
  return [...w._knownSize, w._sizeBasis];
}

/**
 * Send `_size` if the widget is rendered and its size is not what Python holds.
 * @param {Measured} w
 */
export function reportSize(w) {
  if (!w._listen.has(SIZE_CHANNEL) || w._sizeHeld || !w._rendered()) return;
  const width = w.$el.offsetWidth;
  const height = w.$el.offsetHeight;
  const known = w._knownSize;
  if (known && known[0] === width && known[1] === height) return;
  w._knownSize = [width, height];
  w.emit(SIZE_CHANNEL, width, height, w._sizeBasis);
}
