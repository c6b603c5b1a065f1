// «Мои организации»: where I belong, my role there and my class; the home organisation first.
import { t, h, label, descriptions } from '../../assets/school-app.js';

export default function organisations(data) {
  const items = data.items || [];
  if (items.length === 0) {
    return h('p', { id: 'organisations-empty' }, t('personal.organisations.empty'));
  }
  return h('ul', { class: 'personal-list', id: 'organisations', role: 'list' }, items.map(org =>
    h('li', { 'data-org': org.alias },
      h('div', { class: 'personal-item-head' },
        h('h3', { class: 'personal-item-title' }, org.name),
        org.home ? label(t('personal.organisations.home'), 'blue') : null),
      descriptions([
        [t('personal.role'), org.role ? t('personal.role.' + org.role) : null],
        [t('personal.organisations.positions'), (org.positions || []).join(', ')],
        [t('personal.organisations.class'),
          (org.classes || []).length ? h('span', { class: 'personal-org-classes' }, org.classes.join(', ')) : null],
      ]),
      org.type ? h('p', { class: 'pf-v5-c-content' }, h('small', null, t('personal.orgType.' + org.type))) : null)));
}
