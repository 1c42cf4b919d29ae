// @ts-check
/**
 * Label: text set with `textContent` (markup shows as typed, never parsed), aligned with
 * `halign` (left/center/right) and `valign` (top/center/bottom). With `interactive` it
 * takes focus and forwards pointer, wheel, key, focus, context-menu and drop events (each
 * as one flat object, below) when Python listens. `menu` pops a Menu up under the label
 * when it is pressed (or Enter/Space when focused).
 */
import { Widget } from '../widget.js';

/** DOM event -> callback name, for the pointer/key/focus family. */
const EVENTS = {
  pointerdown: 'pointer-down', pointerup: 'pointer-up', pointermove: 'pointer-move',
  pointerenter: 'enter', pointerleave: 'leave', click: 'click', dblclick: 'dblclick',
  wheel: 'scroll', keydown: 'key-down', keyup: 'key-up', keypress: 'key-press',
  focus: 'focus-in', blur: 'focus-out', contextmenu: 'contextmenu',
  dragover: 'drag-over', dragenter: 'drop-start', drop: 'drop-end',
};

/** @param {any} ev */
function modifiers(ev) {
  const out = [];
  if (ev.altKey) out.push('alt');
  if (ev.ctrlKey) out.push('ctrl');
  if (ev.shiftKey) out.push('shift');
  if (ev.metaKey) out.push('meta');
  return out;
}

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
    for (const [type, action] of Object.entries(EVENTS)) {
      this.$el.addEventListener(type, (ev) => {
        if (!this._listen.has(action)) return;
        if (type === 'contextmenu' || type === 'dragover' || type === 'drop') ev.preventDefault();
        this.emit(action, this.payload(ev));
      }, { passive: false });
    }
  }

  /**
   * The flat description of a DOM event that interactive callbacks receive.
   * @param {any} ev
   * @returns {Record<string, any>}
   */
  payload(ev) {
    const r = this.$el.getBoundingClientRect();
    /** @type {Record<string, any>} */
    const p = { type: EVENTS[/** @type {keyof typeof EVENTS} */ (ev.type)] || ev.type,
      time_stamp: Math.round(ev.timeStamp), modifiers: modifiers(ev) };
    if ('clientX' in ev) {
      Object.assign(p, { x: Math.round(ev.clientX - r.left), y: Math.round(ev.clientY - r.top),
        viewport_x: Math.round(ev.clientX), viewport_y: Math.round(ev.clientY),
        button_trigger: ev.button >= 0 ? ev.button + 1 : 0,
        button_mask: ((ev.buttons & 1) ? 1 : 0) | ((ev.buttons & 4) ? 2 : 0) | ((ev.buttons & 2) ? 4 : 0) });
    }
    if ('pointerId' in ev) {
      Object.assign(p, { pointer_id: ev.pointerId, pointer_type: ev.pointerType,
        pressure: ev.pressure, is_primary: ev.isPrimary });
    }
    if ('deltaY' in ev) {
      Object.assign(p, { delta_x: ev.deltaX, delta_y: ev.deltaY, delta_z: ev.deltaZ,
        delta_mode: ev.deltaMode });
    }
    if ('key' in ev) Object.assign(p, { key: ev.key, keycode: ev.code, repeat: ev.repeat });
    if (ev.dataTransfer) {
      const dt = ev.dataTransfer;
      p.types = [...dt.types];
      if (ev.type === 'drop') {
        p.text = dt.getData('text/plain');
        p.url = dt.getData('text/uri-list');
        p.html = dt.getData('text/html');
        p.files = [...dt.files].map((f) => ({ name: f.name, size: f.size, type: f.type,
          encoding: 'none', data: null }));
      }
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
