// @ts-check
/**
 * Timer: inert in the browser. Timers run in Python (on the application's event loop),
 * so they fire once per session however many browsers show it, and keep running while
 * none does. This class exists so that the session's `create` and replayed settings apply.
 */
import { Widget } from '../widget.js';

export default class Timer extends Widget {
  /** @param {number} _duration */
  set_duration(_duration) {}

  /** @param {boolean} _repeat */
  set_repeat(_repeat) {}
}
