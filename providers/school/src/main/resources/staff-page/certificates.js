// Capability «certificates» (org.schoolesia.school.certificates): the card's «Сертификат
// дополнительного образования» section (R-CERT-4). Shown only to staff of an authorised organisation
// (the server sends the section to no one else): after checking the applicant's documents they
// activate the certificate («Активный»), or suspend or revoke it with a reason; each change is
// audited on the server and reported in a toast.

import { api, t, h, button, label, card, descriptions, toast, openDialog, formatDate, field } from '../assets/school-app.js';
import { readCertificateCard } from './payloads.js';

const COLORS = { inactive: 'orange', active: 'green', suspended: 'grey', revoked: 'red' };
const CHANGES = { inactive: ['activate', 'revoke'], active: ['suspend', 'revoke'], suspended: ['activate', 'revoke'], revoked: [] };

function section(ctx, person) { // eslint-disable-line no-unused-vars
  if (!person.certificate || !person.certificate.mayChange) return null;
  const holder = h('div', { id: 'certificate-section' });
  const render = view => holder.replaceChildren(content(view));

  function content(view) {
    const c = view.certificate;
    if (!c) return card(t('staff.certificate.title'), h('p', { id: 'certificate-none' }, t('staff.certificate.none')));
    return card(t('staff.certificate.title'),
      h('div', { id: 'certificate-card', 'data-status': c.status }, descriptions([
        [t('staff.certificate.number'), h('span', { id: 'certificate-number' }, c.number)],
        [t('staff.certificate.status'), h('span', { id: 'certificate-status' }, label(c.statusLabel, COLORS[c.status] || 'grey'))],
        [t('staff.certificate.validFrom'), formatDate(c.validFrom)],
        [t('staff.certificate.validTo'), formatDate(c.validTo)],
        c.changeReason ? [t('staff.certificate.reason'), h('span', { class: 'school-pre' }, c.changeReason)] : null,
      ])),
      c.status === 'inactive' ? h('p', { class: 'pf-v5-c-helper-text', id: 'certificate-hint' }, t('staff.certificate.hint.inactive')) : null,
      h('div', { class: 'school-actions' }, (CHANGES[c.status] || []).map(change =>
        button(t('staff.certificate.' + change), { variant: change === 'activate' ? 'primary' : 'danger', id: 'certificate-' + change,
          onClick: () => confirm(change) }))));
  }

  function confirm(change) {
    const reason = change === 'activate' ? null : h('textarea', { id: 'certificate-reason', rows: 3, maxlength: 500 });
    openDialog({
      title: t('staff.certificate.' + change + '.title'),
      body: [h('p', { id: 'certificate-confirm-text' }, t('staff.certificate.' + change + '.text')),
        reason ? h('div', { class: 'pf-v5-c-form' }, field(t('staff.certificate.reason'), reason, { required: true })) : null],
      actions: [
        { label: t('staff.certificate.' + change), variant: change === 'activate' ? 'primary' : 'danger', id: 'certificate-confirm', onClick: async dialog => {
          try {
            const answer = await api('staff/people/' + encodeURIComponent(person.id) + '/certificate',
              { method: 'POST', body: { change, reason: reason ? reason.value : null } });
            person.certificate = readCertificateCard(answer);
            dialog.close();
            render(person.certificate);
            toast(t('staff.certificate.' + change + '.done'));
          } catch (e) {
            dialog.setError(e.message);
            if (e.status === 409 && e.body && e.body.certificate) {
              person.certificate = readCertificateCard({ mayChange: true, certificate: e.body.certificate });
              render(person.certificate);
            }
          }
        } },
        { label: t('staff.cancel'), variant: 'link', id: 'certificate-confirm-cancel' },
      ],
    });
  }

  render(person.certificate);
  return holder;
}

export default {
  id: 'certificates',
  cardSection: section,
};
