// @ts-check
/** HBox: a horizontal Box. */
import Box from './Box.js';

export default class HBox extends Box {
  fixedOrientation() { return 'horizontal'; }
}
