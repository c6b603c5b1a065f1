// «Мои обращения»: my access requests, newest first, with the staff comment shown as text (R-REQ-4:
// a person without an e-mail learns the outcome here).
import { t, h, label, descriptions, formatDateTime } from '../../assets/school-app.js';

const COLORS = { pending: 'blue', resolved: 'green', rejected: 'red', 'linked-elsewhere': 'grey' };

export default function requests(data) {
  const items = data.items || [];
  if (items.length === 0) {
    return h('p', { id: 'requests-empty' }, t('personal.requests.empty'));
  }
  return h('ul', { class: 'personal-list', id: 'requests', role: 'list' }, items.map(item =>
    h('li', { 'data-number': item.number, 'data-status': item.status },
      h('div', { class: 'personal-item-head' },
        h('h3', { class: 'personal-item-title' }, t('personal.requests.number', item.number)),
        h('span', { class: 'personal-request-status' },
          label(t('personal.requests.status.' + item.status), COLORS[item.status] || 'grey'))),
      descriptions([
        [t('personal.requests.organization'), item.organization ? item.organization.name : null],
        [t('personal.role'), item.role ? t('personal.role.' + item.role) : null],
        [t('personal.requests.child'), item.childName],
        [t('personal.requests.class'), item.className],
        [t('personal.requests.filed'), formatDateTime(item.createdAt)],
        [t('personal.requests.decided'), item.decidedAt ? formatDateTime(item.decidedAt) : null],
      ]),
      item.decisionComment ? h('div', { class: 'personal-comment' },
        h('span', { class: 'personal-comment__label' }, t('personal.requests.comment') + ': '),
        h('span', { class: 'school-pre personal-request-comment' }, item.decisionComment)) : null)));
}
