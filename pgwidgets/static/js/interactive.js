// @ts-check
/**
 * The flat event objects of interactive widgets (Label, Image with `interactive`), in the
 * reference's field names: one definition, so every widget reports the same thing.
 * @module interactive
 */

/** DOM event -> callback name, for the pointer/key/focus family. */
export const EVENTS = {
  pointerdown: 'pointer-down', pointerup: 'pointer-up', pointermove: 'pointer-move',
  pointerenter: 'enter', pointerleave: 'leave', click: 'click', dblclick: 'dblclick',
  wheel: 'scroll', keydown: 'key-down', keyup: 'key-up', keypress: 'key-press',
  focus: 'focus-in', blur: 'focus-out', contextmenu: 'contextmenu',
};

/** The same for drag and drop. */
export const DROP_EVENTS = { dragover: 'drag-over', dragenter: 'drop-start', drop: 'drop-end' };

/** @param {any} ev @returns {string[]} */
function modifiers(ev) {
  return ['alt', 'ctrl', 'shift', 'meta'].filter((m) => ev[`${m}Key`]);
}

/**
 * What an interactive callback receives for DOM event `ev` on element `el`.
 * `button_mask` follows the reference: 0x1 left, 0x2 middle, 0x4 right (the DOM's
 * `buttons` has middle and right the other way round).
 * @param {HTMLElement} el
 * @param {any} ev
 * @returns {Record<string, any>}
 */
export function eventPayload(el, ev) {
  const r = el.getBoundingClientRect();
  /** @type {Record<string, any>} */
  const p = { type: { ...EVENTS, ...DROP_EVENTS }[/** @type {string} */ (ev.type)] || ev.type,
    time_stamp: Math.round(ev.timeStamp), modifiers: modifiers(ev) };
  if ('clientX' in ev) {
    const b = ev.buttons ?? 0;
    Object.assign(p, { x: Math.round(ev.clientX - r.left), y: Math.round(ev.clientY - r.top),
      viewport_x: Math.round(ev.clientX), viewport_y: Math.round(ev.clientY),
      button_trigger: ev.button >= 0 ? ev.button + 1 : 0,
      button_mask: (b & 1 ? 1 : 0) | (b & 4 ? 2 : 0) | (b & 2 ? 4 : 0) });
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
  const dt = ev.dataTransfer;
  if (dt) {
    p.types = [...dt.types];
    if (ev.type === 'drop') {
      p.text = dt.getData('text/plain');
      p.url = dt.getData('text/uri-list');
      p.html = dt.getData('text/html');
    }
  }
  return p;
}
