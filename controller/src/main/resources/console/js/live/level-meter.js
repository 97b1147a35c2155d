// <loa-level-meter>: the microphone's level. `peak` (0..1, linear, reflected as data-peak for tests) is drawn on a
// decibel scale from -60 dBFS to 0, so speech sits mid-scale instead of hugging the bottom.
import {html} from 'lit';
import {LoaElement} from '../loa-element.js';

const FLOOR_DB = -60;

/** 0..1 of the bar for a linear peak. */
function meterFraction(peak) {
  if (!(peak > 0)) {
    return 0;
  }
  const db = 20 * Math.log10(Math.min(peak, 1));
  return Math.max(0, 1 - db / FLOOR_DB);
}

class LevelMeter extends LoaElement {
  static properties = {
    peak: {type: Number, reflect: true, attribute: 'data-peak'},
    label: {},
  };

  constructor() {
    super();
    this.peak = 0;
  }

  render() {
    return html`<meter class="level-meter" min="0" max="1" low="0.6" high="0.9" optimum="0.5"
      aria-label=${this.label ?? ''} .value=${meterFraction(this.peak)}></meter>`;
  }
}
customElements.define('loa-level-meter', LevelMeter);
