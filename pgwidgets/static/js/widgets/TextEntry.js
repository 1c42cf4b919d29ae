// @ts-check
/**
 * TextEntry: one line of text. `activated(text)` on Enter; `modified(text)` while typing
 * (debounced); Up/Down recall earlier entries when `linehistory` > 1.
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
    this.$input = input;
    this.$el.appendChild(input);
    this.history = /** @type {string[]} */ ([]);
    this.historyMax = Math.max(1, Number(options.linehistory ?? 1));
    this.historyPos = -1;
    /** @type {number | undefined} */
    this._timer = undefined;
    this.set_text(args[0] ?? '');
    input.addEventListener('keydown', (ev) => this._key(ev));
    input.addEventListener('input', () => {
      if (!this._listen.has('modified')) return;
      clearTimeout(this._timer);
      this._timer = window.setTimeout(() => this.emit('modified', input.value), MODIFIED_DELAY);
    });
  }

  /** @param {KeyboardEvent} ev */
  _key(ev) {
    const input = this.$input;
    if (ev.key === 'Enter') {
      clearTimeout(this._timer);
      const text = input.value;
      if (this.historyMax > 1 && text && this.history[this.history.length - 1] !== text) {
        this.history.push(text);
        if (this.history.length > this.historyMax) this.history.shift();
      }
      this.historyPos = -1;
      this.emit('activated', text);
    } else if ((ev.key === 'ArrowUp' || ev.key === 'ArrowDown') && this.history.length) {
      ev.preventDefault();
      const n = this.history.length;
      if (this.historyPos < 0) this.historyPos = n;
      this.historyPos += ev.key === 'ArrowUp' ? -1 : 1;
      this.historyPos = Math.max(0, Math.min(n, this.historyPos));
      input.value = this.historyPos >= n ? '' : this.history[this.historyPos];
    }
  }

  focusTarget() { return this.$input; }

  /** @param {any} text */
  set_text(text) { this.$input.value = text == null ? '' : String(text); }

  get_text() { return this.$input.value; }

  clear() { this.$input.value = ''; }

  /** @param {number} nchars */
  set_length(nchars) { this.$input.size = Math.max(1, nchars); }

  /** @param {boolean} editable */
  set_editable(editable) { this.$input.readOnly = !editable; }

  /** @param {boolean} password */
  set_password(password) { this.$input.type = password ? 'password' : 'text'; }

  /** @param {string|null} tip */
  set_tooltip(tip) {
    super.set_tooltip(tip);
    if (tip) this.$input.setAttribute('aria-label', String(tip));
  }
}
