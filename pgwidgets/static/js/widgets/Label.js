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

/** DOM event -> callback name, for every event a label can forward */
const ALL_EVENTS = { ...EVENTS, ...DROP_EVENTS };
/** events whose default the label cancels while Python listens (menu, drop target) */
const PREVENTED = new Set(['contextmenu', 'dragover', 'drop']);

export default class Label extends Widget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    /** @type {Set<string>} DOM events with a listener (added on first `listen`) */
    this._domEvents = new Set();
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
  }

  /**
   * Python listens to `action`: from now on the DOM event behind it is forwarded. Listeners
   * are added only then: a window of 300 labels added ~5,000 unused ones (a fifth of its
   * build time), and a non-passive `wheel` listener on every label slows scrolling.
   * @param {string} action
   */
  listen(action) {
    super.listen(action);
    for (const [type, name] of Object.entries(ALL_EVENTS)) {
      if (name !== action || this._domEvents.has(type)) continue;
      this._domEvents.add(type);
      this.$el.addEventListener(type, (ev) => {
        if (!this._listen.has(action)) return;
        if (PREVENTED.has(type)) ev.preventDefault();
        this.emit(action, this.payload(ev));
      }, { passive: !PREVENTED.has(type) });
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
    if (menu && !this._menuHooked) {
      this._menuHooked = true;
      const popup = () => {
        if (!this.menu || typeof this.menu.popup !== 'function') return;
        const r = this.$el.getBoundingClientRect();
        this.menu.popup(Math.round(r.left), Math.round(r.bottom));
      };
      this.$el.addEventListener('pointerdown', (ev) => { if (ev.button === 0) popup(); },
        { passive: true });
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
