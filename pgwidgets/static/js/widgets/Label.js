// @ts-check
/**
 * Label: text set with `textContent` (markup shows as typed, never parsed), aligned with
 * `halign` (left/center/right) and `valign` (top/center/bottom). With `interactive` it
 * takes focus and forwards pointer, wheel, key, focus, context-menu and drop events (each
 * as one flat object, below) when Python listens. `menu` pops a Menu up under the label
 * when it is pressed (or Enter/Space when focused).
 */
import { Widget } from '../widget.js';
import { DROP_EVENTS, EVENTS, eventPayload } from '../interactive.js';

export default class Label extends Widget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    this.$text = document.createElement('span');
    this.$text.className = 'pgw-label-text';
    this.$el.appendChild(this.$text);
    this.set_text(args[0] ?? '');
    this.set_halign(options.halign || 'left');
    this.set_valign('center');
    /** @type {any} */
    this.menu = null;
    this.set_menu(options.menu || null);
    if (options.interactive) this.$el.tabIndex = 0;
    for (const [type, action] of Object.entries({ ...EVENTS, ...DROP_EVENTS })) {
      this.$el.addEventListener(type, (ev) => {
        if (!this._listen.has(action)) return;
        if (type === 'contextmenu' || type === 'dragover' || type === 'drop') ev.preventDefault();
        this.emit(action, this.payload(ev));
      }, { passive: false });
    }
  }

  /**
   * The flat description of a DOM event that interactive callbacks receive (dropped
   * files are described by name, size and type; their bytes are not sent).
   * @param {any} ev
   * @returns {Record<string, any>}
   */
  payload(ev) {
    const p = eventPayload(this.$el, ev);
    if (ev.type === 'drop' && ev.dataTransfer) {
      p.files = [...ev.dataTransfer.files].map((f) => ({ name: f.name, size: f.size,
        type: f.type, encoding: 'none', data: null }));
    }
    return p;
  }

  /** @param {any} text */
  set_text(text) { this.$text.textContent = text == null ? '' : String(text); }

  get_text() { return this.$text.textContent; }

  /** @param {string|null} bg @param {string|null} fg */
  set_color(bg = null, fg = null) {
    this.set_bg(bg);
    this.set_fg(fg);
  }

  /** @param {string} align left, center or right */
  set_halign(align) { this.$el.dataset.halign = String(align || 'left'); }

  /** @param {string} valign top, center or bottom */
  set_valign(valign) { this.$el.dataset.valign = String(valign || 'center'); }

  /**
   * Pop `menu` up under the label when it is pressed (null: no menu).
   * @param {any} menu
   */
  set_menu(menu) {
    if (!this._menuHooked) {
      this._menuHooked = true;
      const popup = () => {
        if (!this.menu || typeof this.menu.popup !== 'function') return;
        const r = this.$el.getBoundingClientRect();
        this.menu.popup(Math.round(r.left), Math.round(r.bottom));
      };
      this.$el.addEventListener('pointerdown', (ev) => { if (ev.button === 0) popup(); });
      this.$el.addEventListener('keydown', (ev) => {
        if (this.menu && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); popup(); }
      });
    }
    this.menu = menu || null;
    if (this.menu) {
      this.$el.tabIndex = 0;
      this.$el.setAttribute('aria-haspopup', 'menu');
    } else {
      this.$el.removeAttribute('aria-haspopup');
    }
  }
}
