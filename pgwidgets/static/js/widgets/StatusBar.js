// @ts-check
/**
 * StatusBar: a Label with role status (polite live region). `set_message(text, duration)`
 * shows text and, with a duration in seconds, clears it when the time is up; that expiry
 * is reported on the internal `_expired` channel so Python's copy is cleared too.
 */
import Label from './Label.js';

export default class StatusBar extends Label {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    super.build([''], { halign: options.halign });
    this.$el.setAttribute('role', 'status');
    this.$el.setAttribute('aria-live', 'polite');
    /** @type {number | undefined} */
    this._timer = undefined;
  }

  /** @param {any} text @param {number|null} duration seconds */
  set_message(text, duration = null) {
    clearTimeout(this._timer);
    this.set_text(text);
    if (duration != null && Number(duration) > 0) {
      this._timer = window.setTimeout(() => {
        this.set_text('');
        this.emit('_expired');
      }, Number(duration) * 1000);
    }
  }

  get_message() { return this.get_text(); }

  clear() {
    clearTimeout(this._timer);
    this.set_text('');
  }

  destroy() {
    clearTimeout(this._timer);
    super.destroy();
  }
}
