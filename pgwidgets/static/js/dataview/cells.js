// @ts-check
/**
 * Drawing one data-view cell: text by column type, or a cell widget (checkbox, combobox,
 * progress, button). A cell element keeps the kind of content it holds, so scrolling
 * (which redraws pooled row elements with other rows) only changes text and attributes,
 * never rebuilds elements of the same kind. User text goes through `textContent`.
 * @module dataview/cells
 */

/**
 * The text a value shows as in a column of type `type`.
 * @param {any} value
 * @param {string} type
 */
export function cellText(value, type) {
  if (value === null || value === undefined) return '';
  if (type === 'boolean') return value ? '✓' : '';
  return String(value);
}

/**
 * Draw `value` into `cell` for column `col` (a wire column descriptor).
 * @param {HTMLElement & {_kind?: string}} cell
 * @param {Record<string, any>} col
 * @param {any} value
 */
export function drawCell(cell, col, value) {
  const kind = col.widget || (col.type === 'icon' ? 'icon' : 'text');
  if (cell._kind !== kind) {
    cell.replaceChildren();
    cell._kind = kind;
    if (kind === 'checkbox') {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'pgw-dv-check';
      box.tabIndex = -1;
      cell.append(box);
    } else if (kind === 'progress') {
      const bar = document.createElement('div');
      bar.className = 'pgw-dv-progress';
      bar.setAttribute('role', 'progressbar');
      bar.setAttribute('aria-valuemin', '0');
      bar.setAttribute('aria-valuemax', '100');
      const fill = document.createElement('div');
      fill.className = 'pgw-dv-progress-fill';
      bar.append(fill);
      cell.append(bar);
    } else if (kind === 'button') {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'pgw-dv-button';
      b.tabIndex = -1;
      cell.append(b);
    } else if (kind === 'icon') {
      const img = document.createElement('img');
      img.className = 'pgw-dv-icon';
      img.alt = '';
      cell.append(img);
    } else { // text, and a combobox shown as its text until edited
      const span = document.createElement('span');
      span.className = 'pgw-dv-text';
      cell.append(span);
    }
  }
  // the first child: an open editor is appended after it and is left alone
  const child = /** @type {any} */ (cell.firstChild);
  if (kind === 'checkbox') {
    child.checked = !!value;
    child.setAttribute('aria-label', col.label || col.key);
  } else if (kind === 'progress') {
    const pct = Math.max(0, Math.min(100, Number(value) || 0));
    child.firstChild.style.width = `${pct}%`;
    child.setAttribute('aria-valuenow', String(pct));
  } else if (kind === 'button') {
    child.textContent = cellText(value, 'string');
  } else if (kind === 'icon') {
    const size = `${col.icon_size || 16}px`;
    child.style.width = size;
    child.style.height = size;
    if (value) child.src = String(value);
    else child.removeAttribute('src');
    child.hidden = !value;
  } else if (child.textContent !== (value = cellText(value, col.type))) {
    child.textContent = value;
  }
}
