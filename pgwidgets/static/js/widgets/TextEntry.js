// @ts-check
/**
 * TextEntry: one line of text. `activated(text)` on Enter; `modified(text)` while typing
 * (debounced); Up/Down recall earlier entries when `linehistory` > 1; `password` hides
 * the text. Python's setters cancel a pending `modified`, so they never echo.
 */
import { Widget } from '../widget.js';

const MODIFIED_DELAY = 300;

export default class TextEntry extends Widget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    const input = document.createElement('input');
    input.className = 'pgw-input';
    input.type = options.password ? 'password' : 'text';
    input.readOnly = options.editable === false;
    input.autocomplete = 'off';
    this.$input = input;
    this.$el.appendChild(input);
    /** @type {string[]} */
    this.history = [];
    this.historyMax = Math.max(1, Number(options.linehistory ?? 1));
    this.historyPos = -1;
    /** @type {number | undefined} */
    this._timer = undefined;
    this.set_text(args[0] ?? '');
    input.addEventListener('keydown', (ev) => this._key(ev));
    input.addEventListener('input', () => {
      clearTimeout(this._timer);
      this._timer = window.setTimeout(() => this.emit('modified', input.value), MODIFIED_DELAY);
    });
  }

  /** The user confirms the text (Enter, or TextEntrySet's button). */
  commit() {
    clearTimeout(this._timer);
    const text = this.$input.value;
    if (this.historyMax > 1 && text && this.history[this.history.length - 1] !== text) {
      this.history.push(text);
      if (this.history.length > this.historyMax) this.history.shift();
      this.emit('_history', [...this.history]); // Python keeps it for a reload
    }
    this.historyPos = -1;
    this.emit('activated', text);
  }

  /**
   * Replace the Up/Down history (oldest first; only the last `linehistory` are kept).
   * @param {string[]} history
   */
  set_history(history) {
    this.history = (Array.isArray(history) ? history : []).map(String).slice(-this.historyMax);
    this.historyPos = -1;
  }

  get_history() { return [...this.history]; }

  /** @param {KeyboardEvent} ev */
  _key(ev) {
    const input = this.$input;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      this.commit();
    } else if ((ev.key === 'ArrowUp' || ev.key === 'ArrowDown') && this.history.length) {
      ev.preventDefault();
      const n = this.history.length;
      if (this.historyPos < 0) this.historyPos = n;
      this.historyPos += ev.key === 'ArrowUp' ? -1 : 1;
      this.historyPos = Math.max(0, Math.min(n, this.historyPos));
      input.value = this.historyPos >= n ? '' : this.history[this.historyPos];
      input.dispatchEvent(new Event('input'));
    }
  }

  focusTarget() { return this.$input; }

  /** @param {any} text */
  set_text(text) {
    clearTimeout(this._timer);
    this.$input.value = text == null ? '' : String(text);
  }

  get_text() { return this.$input.value; }

  clear() { this.set_text(''); }

  /** @param {number} numchars */
  set_length(numchars) { this.$input.size = Math.max(1, Number(numchars) || 1); }

  /** @param {boolean} editable */
  set_editable(editable) { this.$input.readOnly = !editable; }

  /** @param {boolean} password */
  set_password(password) { this.$input.type = password ? 'password' : 'text'; }

  /** @param {string|null} tip */
  set_tooltip(tip) {
    super.set_tooltip(tip);
    if (tip) this.$input.setAttribute('aria-label', String(tip));
    else this.$input.removeAttribute('aria-label');
  }

  destroy() {
    clearTimeout(this._timer);
    super.destroy();
  }
}
