// Capability «family», proposals (org.schoolesia.school.family.proposals, issue 12): a parent logged
// in with Госуслуги and one of the children on their Госуслуги list matched a pupil. Staff of the
// pupil's home organisation see it on the pupil's card («Найдены на Госуслугах») and in the list
// «Найденные дети», and confirm it (the parent is linked at once, source «Дети из Госуслуг») or
// dismiss it with a reason. Staff of other organisations get 404 from the API and see nothing here.

import { api, t, h, button, field, alert, card, toast, openDialog, formatDateTime, fullName, label, pageHeader, section, spinner, ApiError } from '../assets/school-app.js';
import { readProposals } from './payloads.js';
import { personLink } from './people.js';
import { FAMILY_CHANGED } from './family.js';

function kidName(p) { return fullName(p.kid) || '—'; }

/** One proposal: who, what Госуслуги says, why it matched; the buttons while it is open. */
function item(p, i, { onConfirm, onDismiss, withChild }) {
  const open = p.status === 'proposed';
  return h('li', { class: 'school-family-link', 'data-proposal': p.id, 'data-status': p.status },
    withChild && p.child ? h('div', null, t('staff.proposals.list.child'), ': ', personLink(p.child)) : null,
    h('div', null, t('staff.proposals.from', ''), p.parent ? personLink(p.parent) : '—', ' ', label(p.statusLabel, open ? 'orange' : p.status === 'confirmed' ? 'green' : 'grey')),
    h('div', { class: 'pf-v5-c-helper-text' }, t('staff.proposals.kid', kidName(p))),
    h('div', { class: 'pf-v5-c-helper-text' }, t('staff.proposals.basis', p.basisLabel, formatDateTime(p.createdAt))),
    !open && p.decidedAt ? h('div', { class: 'pf-v5-c-helper-text' },
      t('staff.proposals.decided', p.statusLabel, formatDateTime(p.decidedAt), p.decidedBy ? p.decidedBy.name : '—'), p.reason ? ' — ' + p.reason : '') : null,
    open && onConfirm ? h('div', { class: 'school-actions' },
      button(t('staff.proposals.confirm'), { variant: 'primary', small: true, id: 'proposal-confirm-' + i,
        'aria-label': t('staff.proposals.confirmWho', fullName(p.parent)), onClick: () => onConfirm(p) }),
      button(t('staff.proposals.dismiss'), { variant: 'link', small: true, id: 'proposal-dismiss-' + i,
        'aria-label': t('staff.proposals.dismissWho', fullName(p.parent)), onClick: () => onDismiss(p) })) : null);
}

/** «Подтвердить» and «Отклонить» (with a reason): asked first, reported in a toast, then {@code after()}. */
function decisions(base, after) {
  return {
    onConfirm: p => openDialog({
      title: t('staff.proposals.confirm.title'),
      body: [h('p', { id: 'proposal-confirm-text' }, t('staff.proposals.confirm.text', fullName(p.parent), fullName(p.child) || kidName(p)))],
      actions: [
        { label: t('staff.proposals.confirm'), variant: 'primary', id: 'proposal-confirm-ok', onClick: async dialog => {
          try {
            await api(base(p) + encodeURIComponent(p.id) + '/confirm', { method: 'POST', body: { kind: 'parent' } });
          } catch (e) { dialog.setError(e.message); return; }
          dialog.close();
          toast(t('staff.proposals.confirmed', fullName(p.parent)));
          document.dispatchEvent(new CustomEvent(FAMILY_CHANGED));
          await after();
        } },
        { label: t('staff.cancel'), variant: 'link', id: 'proposal-confirm-cancel' },
      ],
    }),
    onDismiss: p => {
      const reason = h('textarea', { id: 'proposal-reason', name: 'reason', maxlength: '500', rows: '3', class: 'pf-v5-c-form-control' });
      openDialog({
        title: t('staff.proposals.dismiss.title'),
        body: [h('p', null, t('staff.proposals.from', fullName(p.parent)), ' — ', t('staff.proposals.kid', kidName(p))),
          h('div', { class: 'pf-v5-c-form' }, field(t('staff.proposals.reason'), reason, { required: true, helper: t('staff.proposals.reasonHint') }))],
        actions: [
          { label: t('staff.proposals.dismiss'), variant: 'danger', id: 'proposal-dismiss-ok', onClick: async dialog => {
            try {
              await api(base(p) + encodeURIComponent(p.id) + '/dismiss', { method: 'POST', body: { reason: reason.value } });
            } catch (e) { dialog.setError(e.message); reason.focus(); return; }
            dialog.close();
            toast(t('staff.proposals.dismissed', fullName(p.parent)));
            await after();
          } },
          { label: t('staff.cancel'), variant: 'link', id: 'proposal-dismiss-cancel' },
        ],
      });
    },
  };
}

function section_(ctx, person) { // eslint-disable-line no-unused-vars
  if (person.role !== 'student') return null;
  const holder = h('div', { id: 'proposals-section' });
  const base = 'staff/people/' + encodeURIComponent(person.id) + '/family-links/proposals';
  let loads = 0;
  async function load() {
    try {
      const found = readProposals(await api(base));
      holder.replaceChildren(found.items.length ? card(t('staff.proposals.title'),
        h('p', { class: 'pf-v5-c-helper-text' }, t('staff.proposals.explain')),
        h('ul', { class: 'pf-v5-c-list pf-m-plain', id: 'proposals' }, found.items.map((p, i) => item(p, i, decisions(() => base + '/', load))))) : '');
    } catch (e) {
      // 404: not the pupil's home organisation, so not ours to see.
      holder.replaceChildren(e instanceof ApiError && e.status === 404 ? '' : card(t('staff.proposals.title'), alert('danger', e.message, null, { id: 'proposals-error' })));
    } finally {
      loads += 1;
      holder.setAttribute('data-loads', String(loads));
    }
  }
  load();
  return holder;
}

/** «Найденные дети»: the organisation's open proposals, oldest first. */
async function showList(ctx) {
  const results = h('div', { id: 'proposals-list', 'aria-live': 'polite' }, spinner());
  ctx.show(pageHeader(t('staff.proposals.list.title')), section(h('p', { class: 'pf-v5-c-helper-text' }, t('staff.proposals.explain')), results));
  async function load() {
    try {
      const found = readProposals(await api('staff/family-proposals'));
      results.replaceChildren(found.items.length
        ? h('ul', { class: 'pf-v5-c-list pf-m-plain', id: 'proposals' }, found.items.map((p, i) => item(p, i,
          { ...decisions(p2 => 'staff/people/' + encodeURIComponent(p2.child.id) + '/family-links/proposals/', load), withChild: true })))
        : h('p', { id: 'proposals-none' }, t('staff.proposals.list.none')));
    } catch (e) {
      results.replaceChildren(alert('danger', e.message, null, { id: 'proposals-error' }));
    }
  }
  await load();
}

export default {
  id: 'family-proposals',
  nav: () => [{ id: 'family-proposals', label: t('staff.proposals.nav'), href: '#/family-proposals' }],
  routes: { 'family-proposals': ctx => showList(ctx) },
  cardSection: section_,
};
