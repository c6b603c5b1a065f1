// Capability «link» (org.schoolesia.school.link): the card's «Госуслуги (ЕСИА)» section (R-LINK-4).
// Staff of the person's home organisation authorise the link by the card («Разрешить привязку»:
// the next confirmed Госуслуги login with the same SNILS, name and birth date links it) or unlink;
// staff of another organisation see nothing here, as that organisation links.

import { api, t, h, button, label, card, descriptions, toast, openDialog, formatDateTime } from '../assets/school-app.js';
import { readEsiaLink } from './payloads.js';

const STATUS_COLOURS = { linked: 'green', pending: 'orange', none: 'grey' };

function section(ctx, person) { // eslint-disable-line no-unused-vars
  if (!person.canIssueCredentials || !person.esiaLink) return null;
  const holder = h('div', { id: 'esia-section' });
  const render = link => holder.replaceChildren(content(link));

  function content(link) {
    const known = link.status !== 'none';
    const facts = known ? descriptions([
      [t('staff.esia.method'), link.method ? t('staff.esia.method.' + link.method) : '—'],
      link.since ? [t('staff.esia.since'), formatDateTime(link.since)] : null,
      link.linkedBy ? [t('staff.esia.linkedBy'), link.linkedBy] : null,
      link.esiaOid ? [t('staff.esia.oid'), h('code', { id: 'esia-oid' }, link.esiaOid)] : null,
    ]) : null;
    const actions = h('div', { class: 'school-actions' },
      link.status === 'none' ? button(t('staff.esia.authorise'), { variant: 'primary', id: 'esia-authorise', onClick: () => confirm('authorise') }) : null,
      known ? button(t(link.status === 'pending' ? 'staff.esia.cancel' : 'staff.esia.unlink'), { variant: 'danger', id: 'esia-unlink',
        onClick: () => confirm(link.status === 'pending' ? 'cancel' : 'unlink') }) : null);
    return card(t('staff.esia.title'),
      h('p', { id: 'esia-status' }, label(t('staff.esia.status.' + link.status), STATUS_COLOURS[link.status])),
      facts,
      h('p', { class: 'pf-v5-c-helper-text', id: 'esia-hint' }, t('staff.esia.hint.' + link.status)),
      actions);
  }

  /** Every change asks first (what happens next, in words) and reports in a toast. */
  function confirm(kind) {
    openDialog({
      title: t('staff.esia.' + kind + '.title'),
      body: [h('p', { id: 'esia-confirm-text' }, t('staff.esia.' + kind + '.text'))],
      actions: [
        { label: t('staff.esia.' + kind + '.confirm'), variant: kind === 'authorise' ? 'primary' : 'danger', id: 'esia-confirm', onClick: async dialog => {
          const path = 'staff/people/' + encodeURIComponent(person.id) + '/esia-link';
          try {
            const answer = await api(path, kind === 'authorise' ? { method: 'PUT', body: {} } : { method: 'DELETE' });
            person.esiaLink = answer ? readEsiaLink(answer) : { status: 'none', method: null, since: null, linkedBy: null, esiaOid: null };
            dialog.close();
            render(person.esiaLink);
            toast(t('staff.esia.' + kind + '.done'));
          } catch (e) {
            dialog.setError(e.message);
            // Someone else may have changed the link meanwhile: show what is there now.
            if (e.status === 409 || e.status === 404) {
              api(path).then(now => { person.esiaLink = readEsiaLink(now); render(person.esiaLink); }, () => {});
            }
          }
        } },
        { label: t('staff.cancel'), variant: 'link', id: 'esia-confirm-cancel' },
      ],
    });
  }

  render(person.esiaLink);
  return holder;
}

export default {
  id: 'esia-link',
  cardSection: section,
};

