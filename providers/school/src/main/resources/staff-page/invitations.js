// Capability «invitations» (org.schoolesia.school.invitations): the pupil card's «Пригласительные
// коды» (R-FAM-2). Staff of the pupil's home organisation issue a code for this one child, shown
// once with a printable slip for the parent (in Russian: the code, the steps, the page's address),
// see how many are active and until when, and withdraw them. Other organisations see nothing here.

import { api, t, h, button, card, alert, toast, openDialog, formatDateTime, formatDate, fullName } from '../assets/school-app.js';
import { readInvitationCodes, readIssuedCode } from './payloads.js';

const SLIP_PREFIX = 'inviteSlip.';
let slipTexts = null;

/** The slip's texts in Russian whatever the console's language: the parent reads it. */
async function russianSlipTexts() {
  if (slipTexts) return slipTexts;
  try {
    const res = await fetch(new URL('../assets/messages?lang=ru&prefix=' + SLIP_PREFIX, import.meta.url), { cache: 'no-store' });
    slipTexts = (await res.json()).messages || {};
  } catch (e) {
    slipTexts = {};
  }
  return slipTexts;
}

function slipText(texts, key, ...args) {
  const pattern = texts[SLIP_PREFIX + key];
  if (pattern === undefined) return t(SLIP_PREFIX + key, ...args);
  return pattern.replace(/''/g, '\u0000').replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i]))).replace(/\u0000/g, "'");
}

function useStylesheet() {
  if (document.getElementById('invitations-css')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: new URL('invitations.css', import.meta.url).href, id: 'invitations-css' }));
}

function section(ctx, person) { // eslint-disable-line no-unused-vars
  if (person.role !== 'student' || !person.canIssueCredentials) return null;
  useStylesheet();
  const path = 'staff/people/' + encodeURIComponent(person.id) + '/invitation-codes';
  const holder = h('div', { id: 'invite-section' });
  // The buttons stay in place while the facts change, so a dialog gives focus back to the button that opened it.
  const facts = h('div', { id: 'invite-facts' });
  const issueButton = button(t('staff.invite.issue'), { variant: 'primary', id: 'invite-issue', onClick: () => issue() });
  const withdrawButton = button(t('staff.invite.withdraw'), { variant: 'secondary', id: 'invite-withdraw', onClick: () => withdraw() });
  let shown = false;
  const render = codes => {
    facts.replaceChildren(
      h('p', { id: 'invite-count' }, t('staff.invite.count', codes.active.length, codes.max)),
      codes.active.length === 0 ? h('p', { id: 'invite-none' }, t('staff.invite.none'))
        : h('ul', { class: 'pf-v5-c-list', id: 'invite-active' }, codes.active.map(a =>
          h('li', null, t('staff.invite.activeItem', formatDateTime(a.expiresAt), a.issuedBy || '—', formatDateTime(a.issuedAt))))));
    issueButton.hidden = !codes.mayIssue;
    withdrawButton.hidden = !codes.mayIssue || codes.active.length === 0;
    if (!shown) {
      shown = true;
      holder.replaceChildren(card(t('staff.invite.title'),
        h('p', { class: 'pf-v5-c-helper-text', id: 'invite-hint' }, t('staff.invite.hint')),
        facts,
        h('div', { class: 'school-actions' }, issueButton, withdrawButton)));
    }
  };

  async function issue() {
    let issued;
    try {
      issued = readIssuedCode(await api(path, { method: 'POST' }));
    } catch (e) {
      toast(e.message, 'danger');
      return;
    }
    render(issued.codes);
    const texts = await russianSlipTexts();
    showOnce(issued, texts);
  }

  /** The code, shown once, and the slip to print; closing the dialog forgets the code. */
  function showOnce(issued, texts) {
    const childName = [issued.child.lastName, issued.child.firstName].filter(Boolean).join(' ');
    const org = issued.organization ? issued.organization.name || issued.organization.alias : '';
    const slip = h('div', { id: 'invite-slip', class: 'invite-slip', lang: 'ru' },
      h('h2', { class: 'invite-slip__title' }, slipText(texts, 'title')),
      h('p', null, slipText(texts, 'child', childName), h('br'), org),
      h('p', { class: 'invite-slip__code', id: 'invite-code' }, issued.code),
      h('p', null, slipText(texts, 'validUntil', formatDate(issued.expiresAt))),
      h('ol', { class: 'invite-slip__steps' },
        h('li', null, slipText(texts, 'step1')),
        h('li', null, slipText(texts, 'step2'), ' ', h('span', { class: 'invite-slip__url', id: 'invite-url' }, issued.personalPageUrl)),
        h('li', null, slipText(texts, 'step3')),
        h('li', null, slipText(texts, 'step4', childName))),
      h('p', { class: 'invite-slip__note' }, slipText(texts, 'once')));
    const dialog = openDialog({
      title: t('staff.invite.shownOnce.title'),
      size: 'md',
      body: [
        alert('success', t('staff.invite.issued', fullName(issued.child))),
        h('p', { class: 'school-no-print' }, t('staff.invite.shownOnce.hint')),
        slip,
      ],
      actions: [
        { label: t('staff.invite.print'), variant: 'secondary', id: 'invite-print', onClick: () => { window.print(); } },
        { label: t('staff.invite.done'), variant: 'primary', id: 'invite-done' },
      ],
    });
    // The slip is longer than a phone's screen: its scrolling must be reachable by keyboard too (axe: scrollable-region-focusable).
    dialog.body.tabIndex = 0;
  }

  function withdraw() {
    openDialog({
      title: t('staff.invite.withdraw.title'),
      body: [h('p', { id: 'invite-withdraw-text' }, t('staff.invite.withdraw.text', fullName(person)))],
      actions: [
        { label: t('staff.invite.withdraw.confirm'), variant: 'danger', id: 'invite-withdraw-confirm', onClick: async dialog => {
          try {
            render(readInvitationCodes(await api(path, { method: 'DELETE' })));
            dialog.close();
            if (withdrawButton.hidden) issueButton.focus();
            toast(t('staff.invite.withdraw.done'));
          } catch (e) {
            dialog.setError(e.message);
          }
        } },
        { label: t('staff.cancel'), variant: 'link', id: 'invite-withdraw-cancel' },
      ],
    });
  }

  api(path).then(codes => render(readInvitationCodes(codes)),
    e => holder.replaceChildren(card(t('staff.invite.title'), alert('danger', e.message, null, { id: 'invite-error' }))));
  return holder;
}

export default {
  id: 'invitations',
  cardSection: section,
};
