// «Госуслуги»: is my account linked, since when, how; the oid only masked; how to get linked if not.
import { t, h, label, descriptions, formatDateTime } from '../../assets/school-app.js';

const COLORS = { linked: 'green', authorised: 'blue', none: 'orange' };

export default function esia(data) {
  const status = data.status || 'none';
  const trusted = data.trusted === null || data.trusted === undefined ? null : t('personal.esia.trusted.' + data.trusted);
  return h('div', { id: 'esia', 'data-status': status },
    h('p', { id: 'esia-status' }, label(t('personal.esia.status.' + status), COLORS[status] || 'grey')),
    descriptions([
      [t('personal.esia.since'), data.since ? formatDateTime(data.since) : null],
      [t('personal.esia.method'), data.method ? t('personal.esia.method.' + data.method) : null],
      [t('personal.esia.oid'), data.oidMasked ? h('span', { id: 'esia-oid' }, data.oidMasked) : null],
      [t('personal.esia.trusted'), trusted],
      [t('personal.esia.level'), data.level],
    ]),
    data.howToKey ? h('p', { class: 'personal-howto', id: 'esia-howto' }, t(data.howToKey)) : null);
}
