// «Сертификат дополнительного образования» (R-CERT-1..6, seed pictures 25 and 26): a parent chooses
// the child first («Дети»), then sees the certificate card (number, status, dates) and «Получить
// сертификат» only when the server's eligibility rule allows it — otherwise every reason in plain
// words with what to do. The button posts to me/certificate and reloads this section from the server,
// so the page never judges on its own.
import { t, h, api, button, label, alert, descriptions, formatDate, fullName, select, field } from '../../assets/school-app.js';

const COLORS = { inactive: 'orange', active: 'green', suspended: 'grey', revoked: 'red' };

export default function certificate(data) {
  const holder = h('div', { id: 'certificate' });
  let entries = data.entries || [];
  let chosen = 0;
  let notice = null;

  function render() {
    holder.replaceChildren(...content());
  }

  function content() {
    const nodes = [];
    const children = entries.filter(e => e.child && !e.self);
    if (children.length > 1) {
      const chooser = select(children.map((e, i) => [i, fullName(e.child)]), chosen, { id: 'certificate-child',
        on: { change: ev => { chosen = Number(ev.target.value); notice = null; render(); } } });
      nodes.push(h('div', { class: 'pf-v5-c-form' }, field(t('personal.certificate.children'), chooser,
        { helper: t('personal.certificate.chooseChild') })));
    } else if (children.length === 1) {
      nodes.push(descriptions([[t('personal.certificate.children'), h('span', { id: 'certificate-child-name' }, fullName(children[0].child))]]));
    }
    const entry = entries[Math.min(chosen, entries.length - 1)];
    if (!entry) return nodes;
    holder.setAttribute('data-child', entry.child ? entry.child.id : '');
    holder.setAttribute('data-eligible', String(entry.eligible));
    if (notice) nodes.push(notice);
    // R-CERT-5: the blank paper form, to fill in and bring to the authorised organisation.
    nodes.push(h('p', null, h('a', { href: '../certificates/application-template.pdf', id: 'certificate-template', target: '_blank',
      rel: 'noopener' }, t('personal.certificate.template'))));
    const c = entry.certificate;
    if (c) {
      nodes.push(h('div', { id: 'certificate-card', 'data-status': c.status }, descriptions([
        [t('personal.certificate.number'), h('span', { id: 'certificate-number' }, c.number)],
        [t('personal.certificate.status'), h('span', { id: 'certificate-status' }, label(t('personal.certificate.status.' + c.status), COLORS[c.status] || 'grey'))],
        [t('personal.certificate.validFrom'), h('span', { id: 'certificate-from' }, formatDate(c.validFrom))],
        [t('personal.certificate.validTo'), h('span', { id: 'certificate-to' }, formatDate(c.validTo))],
        c.changeReason ? [t('personal.certificate.changeReason'), h('span', { class: 'school-pre' }, c.changeReason)] : null,
      ])));
      if (c.status === 'inactive') nodes.push(h('p', { class: 'personal-howto', id: 'certificate-activate-hint' }, t('personal.certificate.activateHint')));
      // R-CERT-5: the АИС ПФДО credentials (number, login, the password once) — for a pupil of 14+ or the parent.
      const ownUnder14 = entry.self && (entry.reasons || []).some(r => r.code === 'pupil_under_14' || r.code === 'child_account_under_14');
      if (!ownUnder14) {
        nodes.push(h('p', null, button(t('personal.certificate.credentials'), { variant: 'link', id: 'certificate-credentials',
          onClick: ev => credentials(ev.currentTarget, entry) })));
      }
    } else if (entry.child || entry.self) {
      nodes.push(h('p', { id: 'certificate-none' }, t('personal.certificate.none')));
    }
    if (entry.eligible) {
      nodes.push(h('div', { class: 'school-actions' }, button(t('personal.certificate.get'), { variant: 'primary', id: 'certificate-get',
        onClick: ev => issue(ev.currentTarget, entry) })));
    } else {
      nodes.push(h('div', { id: 'certificate-reasons', class: 'personal-howto' },
        h('h3', { class: 'personal-item-title' }, t('personal.certificate.whyNot')),
        h('ul', { class: 'personal-list', role: 'list' }, (entry.reasons || []).map(r =>
          h('li', { 'data-reason': r.code },
            h('p', { class: 'certificate-reason' }, t('personal.certificate.reason.' + r.code)),
            h('p', { class: 'certificate-help' }, h('span', { class: 'personal-comment__label' }, t('personal.certificate.whatToDo') + ' '),
              t('personal.certificate.help.' + r.code)))))));
    }
    return nodes;
  }

  async function credentials(control, entry) {
    control.disabled = true;
    try {
      const pdf = await api('me/certificate/credentials', { method: 'POST', body: entry.self ? {} : { child: entry.child.id }, accept: 'application/pdf' });
      const link = h('a', { href: URL.createObjectURL(pdf), download: 'pfdo-' + entry.certificate.number + '.pdf' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      notice = alert('info', t('personal.certificate.credentialsSaved'), null, { id: 'certificate-credentials-saved', role: 'status' });
    } catch (e) {
      notice = alert('danger', e.message, null, { id: 'certificate-error', role: 'alert' });
    }
    render();
  }

  async function issue(control, entry) {
    control.disabled = true;
    control.textContent = t('personal.certificate.getting');
    try {
      const issued = await api('me/certificate', { method: 'POST', body: entry.self ? {} : { child: entry.child.id } });
      notice = alert('success', t('personal.certificate.issued', issued.certificate.number), null, { id: 'certificate-issued', role: 'status' });
    } catch (e) {
      notice = alert('danger', e.message, null, { id: 'certificate-error', role: 'alert' });
    }
    try {
      entries = (await api('me/sections/certificate')).data.entries || [];
    } catch (e) {
      // The notice above says what happened; the card stays as it was.
    }
    render();
  }

  render();
  return holder;
}
