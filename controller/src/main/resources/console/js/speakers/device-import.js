// <loa-device-import>: registers speakers in bulk from a CSV file (approver+). The server takes all lines or none:
// the result shows how many were created and updated, or every line that is wrong.
// Test ids: import-file (file input), import-submit, import-result (data-created, data-updated); a refused file
// shows the server's message and every wrong line in the error banner.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {formatNumber, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';

const t = translations({
  vi: {
    lead: 'Mỗi dòng một cụm loa. Tệp được nhận trọn vẹn hoặc không dòng nào nếu có dòng sai.',
    columns: 'Các cột (dòng đầu là tiêu đề):', file: 'Tệp CSV (UTF-8)', submit: 'Nhập', busy: 'Đang nhập…',
    done: 'Đã tạo {created} và cập nhật {updated} cụm loa.', tooLarge: 'Tệp quá lớn: tối đa {max} MB.', choose: 'Chọn một tệp CSV trước.',
  },
  en: {
    lead: 'One speaker per line. The file is taken whole, or not at all when a line is wrong.',
    columns: 'Columns (the first line is the header):', file: 'CSV file (UTF-8)', submit: 'Import', busy: 'Importing…',
    done: 'Created {created} and updated {updated} speakers.', tooLarge: 'The file is too large: at most {max} MB.', choose: 'Choose a CSV file first.',
  },
});

const COLUMNS = 'serial,area_code,name,model,latitude,longitude,imei,iccid';
/** The server's limit (DeviceCsvImport.MAX_BYTES): refusing here saves sending a file that cannot pass. */
const MAX_FILE_MB = 5;

class DeviceImport extends LoaElement {
  static properties = {result: {state: true}, error: {state: true}, busy: {state: true}};

  async submit(event) {
    event.preventDefault();
    const file = event.target.elements.file.files[0];
    this.result = null;
    this.error = null;
    if (!file) {
      this.error = t('choose');
      return;
    }
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      this.error = t('tooLarge', {max: MAX_FILE_MB});
      return;
    }
    this.busy = true;
    try {
      this.result = await api.post('/api/devices/import', new Blob([await file.arrayBuffer()], {type: 'text/csv'}));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  render() {
    const r = this.result;
    return html`<div class="card">
      <p>${t('lead')}</p>
      <p class="muted">${t('columns')} <code>${COLUMNS}</code></p>
      <form class="toolbar" @submit=${(e) => this.submit(e)}>
        <label class="field">${t('file')}<input type="file" name="file" accept=".csv,text/csv" data-testid="import-file"></label>
        <button type="submit" class="primary" data-testid="import-submit" ?disabled=${this.busy}>
          ${this.busy ? t('busy') : t('submit')}</button>
      </form>
      ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
      ${r ? html`<p class="notice" data-testid="import-result" data-created=${r.created}
        data-updated=${r.updated}>${t('done', {created: formatNumber(r.created), updated: formatNumber(r.updated)})}</p>` : nothing}
    </div>`;
  }
}
customElements.define('loa-device-import', DeviceImport);
