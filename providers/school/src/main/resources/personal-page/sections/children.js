// «Мои дети» (issue 12): my linked children (R-FAM-1) and «Добавить ребенка» with the child's
// surname, first name and the invitation code from the class teacher (R-FAM-2, seed 004). After a
// child is added the section reads itself again from the server, so it shows what the server keeps.
// «Найдены дети»: children of my Госуслуги list that match pupils and await the school's
// confirmation, named as Госуслуги names them, with what happens next.
import { api, t, h, button, field, alert, descriptions } from '../../assets/school-app.js';

export default function children(data) {
  const holder = h('div', { id: 'children-section' });
  render(holder, data, null);
  return holder;
}

function render(holder, data, added) {
  const items = data.items || [];
  const list = items.length === 0 ? h('p', { id: 'children-empty' }, t('personal.children.empty'))
    : h('ul', { class: 'personal-list', id: 'children', role: 'list' }, items.map(child =>
      h('li', { 'data-child': child.id },
        h('div', { class: 'personal-item-head' },
          h('h3', { class: 'personal-item-title personal-child-name' }, [child.lastName, child.firstName, child.middleName].filter(Boolean).join(' '))),
        descriptions([
          [t('personal.children.organization'), child.organization ? child.organization.name || child.organization.alias : null],
          [t('personal.children.kind'), child.kind ? t('personal.children.kind.' + child.kind) : null],
          [t('personal.children.source'), child.source ? t('personal.children.source.' + child.source) : null],
        ]))));
  const parts = [];
  if (added) {
    parts.push(alert(added.created ? 'success' : 'info', t(added.created ? 'personal.children.added' : 'personal.children.already', added.name),
      null, { id: 'child-added', role: 'status' }));
  }
  parts.push(list);
  const found = foundChildren(data.found || []);
  if (found) parts.push(found);
  if (data.mayAdd) {
    parts.push(addChild(holder));
  } else if (data.addRefusalKey) {
    parts.push(alert('info', t(data.addRefusalKey), null, { id: 'children-add-refused' }));
  }
  holder.replaceChildren(...parts);
}

/** «Найдены дети»: names only (what the parent told Госуслуги), and what happens next. */
function foundChildren(found) {
  if (!found.length) return null;
  return h('div', { class: 'personal-howto', id: 'children-found-box' },
    h('h3', { class: 'personal-item-title', id: 'children-found-title' }, t('personal.children.found')),
    h('p', { class: 'pf-v5-c-helper-text', id: 'children-found-explain' }, t('personal.children.foundExplain')),
    h('ul', { class: 'personal-list', id: 'children-found', role: 'list', 'aria-labelledby': 'children-found-title' }, found.map(kid =>
      h('li', { 'data-found': kid.id },
        h('div', { class: 'personal-item-head' },
          h('span', { class: 'personal-child-name' }, [kid.lastName, kid.firstName, kid.middleName].filter(Boolean).join(' '))),
        h('p', { class: 'pf-v5-c-helper-text' }, t('personal.children.foundWaiting'))))));
}

/** «Добавить ребенка»: a button that opens the form in place (a phone has no room for a dialog with help text). */
function addChild(holder) {
  const box = h('div', { class: 'personal-howto', id: 'child-add-box' });
  const open = button(t('personal.children.add'), { variant: 'primary', id: 'child-add', 'aria-expanded': 'false', 'aria-controls': 'child-add-form',
    onClick: () => { box.replaceChildren(form()); box.querySelector('input').focus(); } });
  box.append(open);

  function form() {
    const lastName = h('input', { type: 'text', id: 'child-last-name', name: 'lastName', autocomplete: 'off', maxlength: '100' });
    const firstName = h('input', { type: 'text', id: 'child-first-name', name: 'firstName', autocomplete: 'off', maxlength: '100' });
    const code = h('input', { type: 'text', id: 'child-code', name: 'code', autocomplete: 'off', autocapitalize: 'characters',
      spellcheck: 'false', maxlength: '20', inputmode: 'text' });
    const error = h('div', { id: 'child-add-error-box', 'aria-live': 'assertive' });
    const submit = button(t('personal.children.submit'), { variant: 'primary', type: 'submit', id: 'child-add-submit' });
    const cancel = button(t('personal.children.cancel'), { variant: 'link', id: 'child-add-cancel', onClick: () => {
      box.replaceChildren(open);
      open.focus();
    } });
    const el = h('form', { class: 'pf-v5-c-form', id: 'child-add-form', novalidate: true, 'aria-label': t('personal.children.add') },
      h('p', { class: 'pf-v5-c-helper-text' }, t('personal.children.addHint')),
      error,
      field(t('personal.children.lastName'), lastName, { required: true }),
      field(t('personal.children.firstName'), firstName, { required: true }),
      field(t('personal.children.code'), code, { required: true, helper: t('personal.children.codeHint') }),
      h('div', { class: 'school-actions' }, submit, cancel));
    el.addEventListener('submit', async e => {
      e.preventDefault();
      error.replaceChildren();
      submit.disabled = true;
      try {
        const answer = await api('me/children', { method: 'POST',
          body: { lastName: lastName.value, firstName: firstName.value, code: code.value } });
        const name = [answer.child.lastName, answer.child.firstName].filter(Boolean).join(' ');
        const fresh = await api('me/sections/children');
        render(holder, fresh.data, { name, created: answer.created });
        const done = document.getElementById('child-added');
        if (done) done.scrollIntoView({ block: 'center' });
      } catch (err) {
        error.replaceChildren(alert('danger', err.message, null, { id: 'child-add-error' }));
        (err.error === 'invitation_not_accepted' || err.error === 'code_malformed' ? code : lastName).focus();
      } finally {
        submit.disabled = false;
      }
    });
    return el;
  }
  return box;
}
