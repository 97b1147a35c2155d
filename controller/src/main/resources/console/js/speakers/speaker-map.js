// <loa-speaker-map>: the speakers that have coordinates on a Leaflet map (window.L, loaded by index.html), green
// when online, red when offline; a click opens the speaker. Tiles are drawn only when the server is configured with
// console.map.tiles.url (GET /api/console/settings); otherwise the markers stand on a plain background and the
// browser fetches nothing from outside. Presence events recolour the markers as they come.
// Test ids: speaker-map (the map box; attribute data-markers = speakers drawn), map-area (an area picker).
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {events} from '../events.js';
import {formatNumber, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {hashFor} from '../routes.js';
import {MAX_PAGE, showError} from '../ui.js';

const t = translations({
  vi: {
    shown: '{count} cụm loa có toạ độ', capped: 'Chỉ hiện {count} cụm loa đầu tiên; chọn một khu vực nhỏ hơn.',
    none: 'Không có cụm loa nào có toạ độ trong khu vực này.', loading: 'Đang tải…',
    online: 'Trực tuyến', offline: 'Mất kết nối', noTiles: 'Chưa cấu hình nền bản đồ: chỉ hiện vị trí các cụm loa.',
  },
  en: {
    shown: 'Speakers with coordinates: {count}', capped: 'Only the first {count} speakers are shown; choose a smaller area.',
    none: 'No speaker in this area has coordinates.', loading: 'Loading…', online: 'Online',
    offline: 'Offline', noTiles: 'No map tiles configured: only the speakers’ positions are drawn.',
  },
});

/** The most speakers drawn at once: beyond this the map is unreadable and the browser slow. */
const MAX_MARKERS = 5000;
const COLOURS = {online: '#1a7f37', offline: '#b3261e'};

let settingsPromise = null;

function consoleSettings() {
  settingsPromise ??= api.get('/api/console/settings').catch((error) => {
    settingsPromise = null;
    throw error;
  });
  return settingsPromise;
}

class SpeakerMap extends LoaElement {
  static properties = {area: {state: true}, devices: {state: true}, capped: {state: true}, tiles: {state: true}};

  connectedCallback() {
    super.connectedCallback();
    this.markers = new Map();
    this.area = null;
    const recolour = (online) => (data) => this.recolour(data.deviceId, online);
    this.whileConnected(events.on('device.online', recolour(true)));
    this.whileConnected(events.on('device.offline', recolour(false)));
    this.whileConnected(events.on('ready', () => this.load()));
    consoleSettings().then((settings) => { this.tiles = settings; }, (error) => {
      this.tiles = null; // the map still shows the speakers, without tiles
      showError(error);
    });
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.map?.remove();
    this.map = null;
  }

  async load() {
    const devices = [];
    try {
      for (let offset = 0; offset < MAX_MARKERS; offset += MAX_PAGE) {
        const page = await api.get('/api/devices', {area: this.area, limit: MAX_PAGE, offset});
        devices.push(...page.items);
        if (page.items.length < MAX_PAGE) {
          break;
        }
      }
    } catch (error) {
      showError(error);
      return;
    }
    this.capped = devices.length >= MAX_MARKERS;
    this.devices = devices.filter((d) => d.latitude != null && d.longitude != null);
  }

  recolour(deviceId, online) {
    const device = this.devices?.find((d) => d.id === deviceId);
    if (device) {
      device.online = online;
      this.markers.get(deviceId)?.setStyle(markerStyle(online));
    }
  }

  updated() {
    const box = this.querySelector('.map');
    if (!box || !window.L || !this.devices || this.tiles === undefined) {
      return;
    }
    if (!this.map) {
      this.map = window.L.map(box, {attributionControl: Boolean(this.tiles?.mapTilesUrl)});
      if (this.tiles?.mapTilesUrl) {
        window.L.tileLayer(this.tiles.mapTilesUrl, {attribution: this.tiles.mapAttribution, maxZoom: 19})
          .addTo(this.map);
      }
      this.layer = window.L.layerGroup().addTo(this.map);
    }
    if (this.drawn === this.devices) {
      return;
    }
    this.drawn = this.devices;
    this.layer.clearLayers();
    this.markers.clear();
    this.devices.forEach((d) => {
      const marker = window.L.circleMarker([d.latitude, d.longitude], markerStyle(d.online))
        .bindTooltip(`${d.name || d.serial} · ${d.online ? t('online') : t('offline')}`)
        .on('click', () => { window.location.hash = hashFor('speakers', [d.id]); });
      marker.addTo(this.layer);
      this.markers.set(d.id, marker);
    });
    if (this.devices.length) {
      this.map.fitBounds(window.L.latLngBounds(this.devices.map((d) => [d.latitude, d.longitude])).pad(0.1));
    } else {
      this.map.setView([16, 106], 5); // Viet Nam
    }
  }

  render() {
    const devices = this.devices;
    return html`<div class="toolbar">
        <loa-area-picker data-testid="map-area" all-option .value=${this.area}
          @change=${(e) => { this.area = e.detail.value; this.load(); }}></loa-area-picker>
        ${devices ? html`<p class="muted">${t('shown', {count: formatNumber(devices.length)})}</p>` : nothing}
      </div>
      ${this.capped ? html`<p class="notice">${t('capped', {count: formatNumber(MAX_MARKERS)})}</p>` : nothing}
      ${this.tiles && !this.tiles.mapTilesUrl ? html`<p class="muted small">${t('noTiles')}</p>` : nothing}
      ${devices && !devices.length ? html`<p class="empty">${t('none')}</p>` : nothing}
      ${devices ? html`<div class="map" data-testid="speaker-map" data-markers=${devices.length}></div>`
        : html`<p class="muted">${t('loading')}</p>`}`;
  }
}

function markerStyle(online) {
  const colour = online ? COLOURS.online : COLOURS.offline;
  return {radius: 7, color: '#fff', weight: 1.5, fillColor: colour, fillOpacity: 0.9};
}

customElements.define('loa-speaker-map', SpeakerMap);
