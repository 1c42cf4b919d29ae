// @ts-check
/**
 * TextArea: multi-line text in a native textarea (keyboard, selection, touch scrolling).
 * `modified(text)` while the user types (debounced), so Python always has the text;
 * `scrolled(h, v)` with fractions 0..1. `set_limit(n)` keeps the last n lines (the rule
 * is the same as Python's `trim_lines`, so both copies agree).
 */
import { Widget } from '../widget.js';
import ScrollSync from '../helpers/scroll-sync.js';

const MODIFIED_DELAY = 300;

/**
 * Keep the last `limit` lines (a final newline does not count as a line).
 * @param {string} text
 * @param {number|null} limit
 */
function trimLines(text, limit) {
  if (!limit || limit <= 0) return text;
  const parts = text.split('\n');
  const trailing = parts.length > 1 && parts[parts.length - 1] === '';
  const body = trailing ? parts.slice(0, -1) : parts;
  if (body.length <= limit) return text;
  return body.slice(-limit).join('\n') + (trailing ? '\n' : '');
}

export default class TextArea extends Widget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    const ta = document.createElement('textarea');
    ta.className = 'pgw-textarea';
    ta.spellcheck = false;
    this.$area = ta;
    this.$el.appendChild(ta);
    /** @type {number|null} */
    this.limit = null;
    /** @type {number | undefined} */
    this._timer = undefined;
    this.set_wrap(!!options.wrap);
    this.set_editable(options.editable !== false);
    this.set_text(args[0] ?? '');
    this.scroll = new ScrollSync(this, ta);
    ta.addEventListener('input', () => {
      clearTimeout(this._timer);
      this._timer = window.setTimeout(() => this.emit('modified', ta.value), MODIFIED_DELAY);
    });
  }

  focusTarget() { return this.$area; }

  /** @param {any} text */
  set_text(text) {
    clearTimeout(this._timer);
    this.$area.value = trimLines(text == null ? '' : String(text), this.limit);
    this.scroll?.contentChanged();
  }

  get_text() { return this.$area.value; }

  /** Add text at the end (no newline added). @param {any} text */
  append_text(text) {
    this.set_text(this.$area.value + (text == null ? '' : String(text)));
  }

  clear() { this.set_text(''); }

  /** @param {boolean} tf */
  set_editable(tf) { this.$area.readOnly = !tf; }

  /** @param {boolean} tf */
  set_wrap(tf) {
    this.$area.wrap = tf ? 'soft' : 'off';
    this.$el.dataset.wrap = tf ? 'on' : 'off';
  }

  /** @param {number|null} numlines */
  set_limit(numlines) {
    this.limit = numlines ? Number(numlines) : null;
    const trimmed = trimLines(this.$area.value, this.limit);
    if (trimmed !== this.$area.value) this.$area.value = trimmed;
  }

  /** @param {number} hPct @param {number} vPct fractions 0..1 */
  set_scroll_position(hPct, vPct) { this.scroll.set(hPct, vPct); }

  get_scroll_position() { return this.scroll.fractions(); }

  scroll_to_end() { this.scroll.set(this.scroll.fractions()[0], 1); }

  destroy() {
    clearTimeout(this._timer);
    this.scroll.destroy();
    super.destroy();
  }
}
