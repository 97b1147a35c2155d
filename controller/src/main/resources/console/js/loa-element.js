// Base class of every console element: renders into the light DOM so console.css styles everything and tests find
// elements by their attributes, re-renders when the language changes, and undoes its subscriptions when removed.
import {LitElement} from 'lit';
import {onLanguageChange} from './i18n.js';

export class LoaElement extends LitElement {
  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.cleanups = [onLanguageChange(() => this.requestUpdate())];
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.cleanups.forEach((cleanup) => cleanup());
    this.cleanups = [];
  }

  /** Runs `cleanup` when the element leaves the page, e.g. an unsubscribe from events.on. Call while connected. */
  whileConnected(cleanup) {
    this.cleanups.push(cleanup);
    return cleanup;
  }
}
