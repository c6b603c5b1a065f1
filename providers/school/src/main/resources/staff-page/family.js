// Capability «family» (org.schoolesia.school.family): the card's «Родители и представители» (a
// pupil) or «Дети» (a parent). «Как проверить привязку родителя и ребенка»: the links, active and
// revoked; «Как привязать родителя к ребенку»: staff of the pupil's home organisation link a parent
// account of the organisation (search by surname, kind) and revoke with a confirmation (R-FAM-1);
// the parents' SNILS on the pupil's card, which give the parent the child at their next Госуслуги
// login (R-FAM-3), and what changed. Staff of another organisation see it all without a button.

import { api, t, h, button, field, select, alert, card, toast, openDialog, formatDateTime, fullName, label, spinner } from '../assets/school-app.js';
import { readFamilyLinks, readCardSnils, readCardSnilsEntry, readPeoplePage } from './payloads.js';
import { personLink } from './people.js';

const KINDS = ['parent', 'legal-representative'];
/** Dispatched on {@code document} when another module changed the pupil's links: the section reads them again. */
export const FAMILY_CHANGED = 'school:family-changed';

function section(ctx, person) { // eslint-disable-line no-unused-vars
  if (person.role !== 'student' && person.role !== 'parent') return null;
  const asChild = person.role === 'student';
  const title = t(asChild ? 'staff.family.title.child' : 'staff.family.title.parent');
  const holder = h('div', { id: 'family-section', 'aria-busy': 'true' }, card(title, spinner()));
  const base = 'staff/people/' + encodeURIComponent(person.id) + '/';
  let loads = 0;

  async function load() {
    holder.setAttribute('aria-busy', 'true');
    try {
      const links = readFamilyLinks(await api(base + 'family-links', { query: { first: 0, max: 100 } }));
      const snils = asChild ? readCardSnils(await api(base + 'parent-snils')) : null;
      holder.replaceChildren(content(links, snils));
    } catch (e) {
      holder.replaceChildren(card(title, alert('danger', e.message, null, { id: 'family-error' })));
    } finally {
      holder.removeAttribute('aria-busy');
      // How many answers the section has shown: a test (or a screen reader user) tells a fresh one from the last.
      loads += 1;
      holder.setAttribute('data-loads', String(loads));
    }
  }

  function other(link) { return asChild ? link.parent : link.child; }

  function content(links, snils) {
    const active = links.items.filter(l => l.active);
    const list = active.length
      ? h('ul', { class: 'pf-v5-c-list pf-m-plain school-family-links', id: 'family-links' }, active.map((l, i) => h('li', { class: 'school-family-link' },
        other(l) ? personLink(other(l)) : t('staff.family.gone'), ' ', label(l.kindLabel, 'blue'),
        h('div', { class: 'pf-v5-c-helper-text' }, t('staff.family.since', l.sourceLabel, l.createdAt ? formatDateTime(l.createdAt) : '—')),
        links.mayChange ? button(t('staff.family.revoke'), { variant: 'link', small: true, id: 'family-revoke-' + i,
          'aria-label': t('staff.family.revokeWho', fullName(other(l))), onClick: () => confirmRevoke(l) }) : null)))
      : h('p', { id: 'family-none' }, t(asChild ? 'staff.family.none.child' : 'staff.family.none.parent'));
    const actions = links.mayChange
      ? h('div', { class: 'school-actions' }, button(t('staff.family.add'), { variant: 'primary', id: 'family-add', onClick: () => addDialog(active) }))
      : h('p', { class: 'pf-v5-c-helper-text', id: 'family-readonly' }, t(asChild ? 'staff.family.readonly.child' : 'staff.family.readonly.parent'));
    return card(title, list, actions, snils ? snilsBlock(snils) : null, history(links, snils));
  }

  /** R-FAM-3: the parents' SNILS on the card. */
  function snilsBlock(snils) {
    const entries = snils.items.length
      ? h('ul', { class: 'pf-v5-c-list pf-m-plain', id: 'family-snils' }, snils.items.map((s, i) => h('li', { class: 'school-family-snils' },
        h('code', null, s.snilsMasked), ' ', h('span', { class: 'pf-v5-c-helper-text' }, t('staff.family.snils.added', formatDateTime(s.addedAt), s.addedBy ? s.addedBy.name : '—')),
        snils.mayChange ? button(t('staff.family.snils.remove'), { variant: 'link', small: true, id: 'family-snils-remove-' + i,
          'aria-label': t('staff.family.snils.removeWhich', s.snilsMasked), onClick: () => confirmSnilsRemoval(s) }) : null)))
      : h('p', { id: 'family-snils-none' }, t('staff.family.snils.none'));
    let form = null;
    if (snils.mayChange) {
      const input = h('input', { type: 'text', id: 'family-snils-input', name: 'snils', inputmode: 'numeric', autocomplete: 'off', maxlength: '20',
        placeholder: '123-456-789 01' });
      const problem = h('div', { id: 'family-snils-problem', 'aria-live': 'polite' });
      form = h('form', { class: 'pf-v5-c-form', id: 'family-snils-form', novalidate: true },
        field(t('staff.family.snils.input'), input, { helper: t('staff.family.snils.hint') }), problem,
        h('div', { class: 'school-actions' }, button(t('staff.family.snils.add'), { variant: 'secondary', type: 'submit', id: 'family-snils-add' })));
      form.addEventListener('submit', async e => {
        e.preventDefault();
        input.removeAttribute('aria-invalid');
        problem.replaceChildren();
        try {
          const answer = await api(base + 'parent-snils', { method: 'POST', body: { snils: input.value } });
          const entry = readCardSnilsEntry(answer);
          // R-FAM-3 at once: the parents whose confirmed Госуслуги account has this SNILS are linked now.
          const linked = Array.isArray(answer.linkedParents) ? answer.linkedParents.map(p => p.shortName || p.name).filter(Boolean) : [];
          toast(linked.length ? t('staff.family.snils.addedNow', entry.snilsMasked, linked.join(', ')) : t('staff.family.snils.addedToast', entry.snilsMasked));
          await load();
          const again = document.getElementById('family-snils-input');
          if (again) again.focus();
        } catch (err) {
          input.setAttribute('aria-invalid', 'true');
          problem.replaceChildren(alert('danger', err.message, null, { id: 'family-snils-error' }));
          input.focus();
        }
      });
    }
    return h('div', { class: 'school-stack', id: 'family-snils-block' },
      h('h3', { class: 'pf-v5-c-title pf-m-md' }, t('staff.family.snils.title')),
      h('p', { class: 'pf-v5-c-helper-text' }, t('staff.family.snils.explainNow')), entries, form);
  }

  /** What changed, newest first: links made and revoked, SNILS put on and taken off the card. */
  function history(links, snils) {
    const events = [];
    for (const l of links.items) {
      const who = fullName(other(l)) || t('staff.family.gone');
      if (l.createdAt) events.push([l.createdAt, t('staff.family.history.linked', who, l.sourceLabel, l.createdBy ? l.createdBy.name : t('staff.family.history.noStaff'))]);
      if (l.revokedAt) events.push([l.revokedAt, t('staff.family.history.revoked', who, l.revokedBy ? l.revokedBy.name : '—')]);
    }
    for (const s of snils ? snils.history : []) {
      if (s.addedAt) events.push([s.addedAt, t('staff.family.history.snilsAdded', s.snilsMasked, s.addedBy ? s.addedBy.name : '—')]);
      if (s.removedAt) events.push([s.removedAt, t('staff.family.history.snilsRemoved', s.snilsMasked, s.removedBy ? s.removedBy.name : '—', s.revokedLinks)]);
    }
    if (!events.length) return null;
    events.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
    return h('details', { class: 'school-family-history', id: 'family-history-box' },
      h('summary', null, t('staff.family.history.title', events.length)),
      h('ul', { class: 'pf-v5-c-list', id: 'family-history' }, events.map(([at, what]) => h('li', null, h('span', { class: 'pf-v5-c-helper-text' }, formatDateTime(at)), ' ', what))));
  }

  function confirmRevoke(link) {
    const who = fullName(other(link));
    confirmChange({ prefix: 'family-revoke', title: t('staff.family.revoke.title'), text: t('staff.family.revoke.text', who, fullName(person)),
      label: t('staff.family.revoke'), change: async () => {
        await api(base + 'family-links/' + encodeURIComponent(link.id), { method: 'DELETE' });
        return t('staff.family.revoke.done', who);
      } });
  }

  function confirmSnilsRemoval(entry) {
    confirmChange({ prefix: 'family-snils-remove', title: t('staff.family.snils.remove.title'), text: t('staff.family.snils.remove.textNow', entry.snilsMasked),
      label: t('staff.family.snils.remove'), change: async () => {
        const removed = readCardSnilsEntry(await api(base + 'parent-snils/' + encodeURIComponent(entry.id), { method: 'DELETE' }));
        return t('staff.family.snils.removed', removed.snilsMasked, removed.revokedLinks);
      } });
  }

  /** A change that takes something away: asked first (what happens, in words), reported in a toast, the section read again. */
  function confirmChange({ prefix, title, text, label: action, change }) {
    openDialog({
      title,
      body: [h('p', { id: prefix + '-text' }, text)],
      actions: [
        { label: action, variant: 'danger', id: prefix + '-confirm', onClick: async dialog => {
          let done;
          try {
            done = await change();
          } catch (e) {
            dialog.setError(e.message);
            return;
          }
          dialog.close();
          toast(done);
          await load();
        } },
        { label: t('staff.cancel'), variant: 'link', id: prefix + '-cancel' },
      ],
    });
  }

  /** «Привязать родителя»: a parent account of the organisation, found by surname, and the kind of the link. */
  function addDialog(active) {
    const linked = new Set(active.map(l => l.parent && l.parent.id));
    const surname = h('input', { type: 'search', id: 'family-search-surname', name: 'surname', autocomplete: 'off', spellcheck: 'false', maxlength: '100' });
    const found = h('div', { id: 'family-candidates', 'aria-live': 'polite' });
    const kind = select(KINDS.map(k => [k, t('staff.family.kind.' + k)]), 'parent', { id: 'family-kind', name: 'kind' });
    const search = async () => {
      found.setAttribute('aria-busy', 'true');
      try {
        const page = readPeoplePage(await api('staff/people', { query: { role: 'parent', status: 'all', surname: surname.value.trim(), first: 0, max: 20 } }));
        found.replaceChildren(page.items.length
          ? h('fieldset', { class: 'pf-v5-c-form__group', id: 'family-candidate-list' },
            h('legend', { class: 'pf-v5-c-form__label' }, t('staff.family.choose')),
            page.items.map((p, i) => h('div', { class: 'pf-v5-c-radio' },
              h('input', { class: 'pf-v5-c-radio__input', type: 'radio', name: 'family-parent', id: 'family-parent-' + i, value: p.id, disabled: linked.has(p.id) }),
              h('label', { class: 'pf-v5-c-radio__label', for: 'family-parent-' + i }, fullName(p) || p.username,
                ' (', p.username, ')', linked.has(p.id) ? ' — ' + t('staff.family.alreadyLinked') : ''))))
          : h('p', { id: 'family-candidates-none' }, t('staff.family.nobody')));
      } catch (e) {
        found.replaceChildren(alert('danger', e.message, null, { id: 'family-candidates-error' }));
      } finally {
        found.removeAttribute('aria-busy');
        found.setAttribute('data-loads', String(Number(found.getAttribute('data-loads') || 0) + 1));
      }
    };
    const form = h('form', { class: 'pf-v5-c-form', id: 'family-search-form', role: 'search', novalidate: true },
      field(t('staff.family.searchSurname'), surname, { helper: t('staff.family.searchHint') }),
      h('div', null, button(t('staff.people.search'), { variant: 'secondary', type: 'submit', id: 'family-search' })));
    form.addEventListener('submit', e => { e.preventDefault(); search(); });
    openDialog({
      title: t('staff.family.add'),
      size: 'md',
      body: [h('p', { id: 'family-add-child' }, t('staff.family.add.child', fullName(person))), form, found, h('div', { class: 'pf-v5-c-form' }, field(t('staff.family.kind'), kind))],
      actions: [
        { label: t('staff.family.add.confirm'), variant: 'primary', id: 'family-add-confirm', onClick: async dialog => {
          const chosen = found.querySelector('input[name="family-parent"]:checked');
          if (!chosen) { dialog.setError(t('staff.family.add.choose')); return; }
          try {
            await api(base + 'family-links', { method: 'POST', body: { parentId: chosen.value, kind: kind.value } });
            dialog.close();
            toast(t('staff.family.add.done', chosen.labels[0] ? chosen.labels[0].textContent : ''));
          } catch (e) {
            dialog.setError(e.message);
            return;
          }
          await load();
        } },
        { label: t('staff.cancel'), variant: 'link', id: 'family-add-cancel' },
      ],
    });
  }

  // A link made elsewhere on the card (a confirmed proposal, family-proposals.js): read again while shown.
  const changed = () => { if (holder.isConnected) load(); else document.removeEventListener(FAMILY_CHANGED, changed); };
  document.addEventListener(FAMILY_CHANGED, changed);
  load();
  return holder;
}

export default {
  id: 'family',
  cardSection: section,
};
