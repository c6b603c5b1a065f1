// «Доступ для учеников до 14 лет» (R-FAM-4): the parent's linked pupils, each with its login and
// «Создать логин» or «Сбросить пароль» — or, for a child of 14 or more or with no birth date on the
// card, why not (the age is never guessed, R-AGE-1).
import { t, h, button, label, descriptions, fullName } from '../../assets/school-app.js';
import { childLoginDialog } from './child-login-dialogs.js';

const STATE_COLOURS = { allowed: 'blue', child_of_age: 'grey', birth_date_unknown: 'orange' };

export default function childAccess(data) {
  const holder = h('div', { id: 'child-access' });
  render(holder, data);
  return holder;
}

function render(holder, data) {
  const items = data.items || [];
  if (items.length === 0) {
    holder.replaceChildren(h('p', { id: 'child-access-empty' }, t('personal.childAccess.empty')));
    return;
  }
  holder.replaceChildren(
    h('p', { id: 'child-access-intro' }, t('personal.childAccess.intro', data.selfServiceAge)),
    h('ul', { class: 'personal-list', id: 'child-access-list', role: 'list' }, items.map(child => item(holder, data, child))));
}

function item(holder, data, child) {
  const allowed = child.state === 'allowed';
  const path = 'me/children/' + encodeURIComponent(child.childId) + '/login';
  const open = kind => childLoginDialog(kind, child, path, status => {
    data.items = data.items.map(c => (c.childId === status.childId ? status : c));
    render(holder, data);
  });
  return h('li', { 'data-child': child.childId, 'data-state': child.state, 'data-created': String(child.created) },
    h('div', { class: 'personal-item-head' },
      h('h3', { class: 'personal-item-title' }, fullName(child)),
      label(t('personal.childAccess.state.' + child.state, data.selfServiceAge), STATE_COLOURS[child.state] || 'grey')),
    descriptions([
      [t('app.childLogin.login'), child.created ? h('code', { class: 'child-access-login' }, child.login) : t('personal.childAccess.noLogin')],
      child.created && child.mustChangePassword ? [t('app.childLogin.password'), t('personal.childAccess.mustChange')] : null,
    ]),
    allowed
      ? h('div', { class: 'school-actions' }, child.created
        ? button(t('app.childLogin.reset.open'), { id: 'child-reset-' + child.childId, 'data-action': 'reset', onClick: () => open('reset') })
        : button(t('app.childLogin.create.open'), { variant: 'primary', id: 'child-create-' + child.childId, 'data-action': 'create',
          onClick: () => open('create') }))
      : h('p', { class: 'pf-v5-c-helper-text child-access-reason' }, t('personal.childAccess.reason.' + child.state, data.selfServiceAge)));
}
