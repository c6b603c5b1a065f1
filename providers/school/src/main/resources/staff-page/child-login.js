// Capability «family» (org.schoolesia.school.family.childaccess): the card's «Доступ для учеников
// до 14 лет» (R-FAM-4) — staff of the pupil's home organisation create the login or reset the
// password as a parent would (the pupil changes it at the next login); a pupil of 14 or more, or
// without a birth date on the card, is refused with the reason. And R-FAM-5: a pupil account an
// adult's Госуслуги session tried is flagged here and in «Список учеников», until staff clear it.

import { api, t, h, button, label, card, alert, descriptions, toast, openDialog, formatDateTime } from '../assets/school-app.js';
import { readChildLogin } from './payloads.js';
import { childLoginDialog } from '../personal/sections/child-login-dialogs.js'; // the personal page's, served at /school/personal/

const STATE_COLOURS = { allowed: 'blue', child_of_age: 'grey', birth_date_unknown: 'orange' };

/** The flag's label for a list row or a card (null when the person is not flagged). */
export function flagLabel(person) {
  return person.flag ? label(t('staff.flag.label'), 'red') : null;
}

function section(ctx, person) { // eslint-disable-line no-unused-vars
  if (person.role !== 'student') return null;
  const holder = h('div', { id: 'child-login-section', class: 'school-stack' });
  const flagBox = h('div', { id: 'account-flag' });
  const loginBox = h('div', { id: 'child-login', 'aria-live': 'polite' });
  holder.append(flagBox, loginBox);
  renderFlag(flagBox, person);
  if (person.canIssueCredentials) {
    const path = 'staff/people/' + encodeURIComponent(person.id) + '/child-login';
    const load = () => api(path).then(v => renderLogin(loginBox, readChildLogin(v), path),
      e => loginBox.replaceChildren(alert('danger', e.message, null, { id: 'child-login-error' })));
    load();
  }
  return holder;
}

function renderLogin(box, status, path) {
  const open = kind => childLoginDialog(kind, status, path, now => renderLogin(box, readChildLogin(now), path));
  const allowed = status.state === 'allowed';
  box.replaceChildren(card(t('staff.childLogin.title'),
    h('p', { id: 'child-login-state', 'data-state': status.state },
      label(t('staff.childLogin.state.' + status.state, status.selfServiceAge), STATE_COLOURS[status.state])),
    descriptions([
      [t('app.childLogin.login'), status.created ? h('code', { id: 'child-login-current' }, status.login) : t('staff.childLogin.noLogin')],
      status.created && status.mustChangePassword ? [t('app.childLogin.password'), t('staff.childLogin.mustChange')] : null,
    ]),
    allowed
      ? h('div', { class: 'school-actions' }, status.created
        ? button(t('app.childLogin.reset.open'), { id: 'child-login-reset', onClick: () => open('reset') })
        : button(t('app.childLogin.create.open'), { variant: 'primary', id: 'child-login-create', onClick: () => open('create') }))
      : h('p', { class: 'pf-v5-c-helper-text', id: 'child-login-reason' }, t('staff.childLogin.reason.' + status.state, status.selfServiceAge))));
}

function renderFlag(box, person) {
  if (!person.flag) {
    box.replaceChildren();
    return;
  }
  const f = person.flag;
  box.replaceChildren(alert('danger', t('staff.flag.title'), h('div', null,
    h('p', { id: 'account-flag-text' }, t('staff.flag.' + f.reason)),
    descriptions([[t('staff.flag.first'), formatDateTime(f.firstAt)], [t('staff.flag.last'), formatDateTime(f.lastAt)],
      [t('staff.flag.attempts'), String(f.attempts)]]),
    person.canIssueCredentials ? h('div', { class: 'school-actions' },
      button(t('staff.flag.clear'), { variant: 'secondary', id: 'account-flag-clear', onClick: () => confirmClear(box, person) })) : null),
  { id: 'account-flag-alert', 'data-reason': f.reason }));
}

function confirmClear(box, person) {
  openDialog({
    title: t('staff.flag.clear.title'),
    body: [h('p', null, t('staff.flag.clear.text'))],
    actions: [
      { label: t('staff.flag.clear'), variant: 'primary', id: 'account-flag-confirm', onClick: async dialog => {
        try {
          await api('staff/people/' + encodeURIComponent(person.id) + '/child-login/flag', { method: 'DELETE' });
        } catch (e) {
          dialog.setError(e.message);
          return;
        }
        dialog.close();
        person.flag = null;
        renderFlag(box, person);
        toast(t('staff.flag.cleared'));
      } },
      { label: t('staff.cancel'), variant: 'link', id: 'account-flag-cancel' },
    ],
  });
}

export default {
  id: 'child-login',
  cardSection: section,
};
