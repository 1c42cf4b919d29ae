// @ts-check
/**
 * TextEntrySet: a TextEntry with a button (default "Set"); `activated(text)` on Enter or
 * when the button is pressed.
 */
import TextEntry from './TextEntry.js';

export default class TextEntrySet extends TextEntry {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'pgw-button pgw-entry-set-button';
    this.$button = b;
    this.$el.append(b);
    this.set_button_text(options.label ?? 'Set');
    b.addEventListener('click', () => this.commit());
  }

  /** @param {any} text */
  set_button_text(text) { this.$button.textContent = text == null ? '' : String(text); }

  /** @param {boolean} editable */
  set_editable(editable) {
    super.set_editable(editable);
    this.$button.disabled = !editable;
  }
}
