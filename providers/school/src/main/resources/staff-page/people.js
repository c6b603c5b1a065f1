// Capability «accounts» (org.schoolesia.school.accounts): «Список родителей» / «Список учеников»
// of the staff member's organisation, a person's card («Сведения о родителе / об ученике»), the
// login to copy and «Сменить пароль» (R-ODO-3) — or, for a person of another home organisation,
// whom to contact (R-ODO-2).

import {
  api, t, h, button, field, select, alert, emptyState, descriptions, card, table, pagination, toast, openDialog,
  pageHeader, section, formatDate, fullName,
} from '../assets/school-app.js';
import { readPeoplePage, readCard } from './payloads.js';
import { flagLabel } from './child-login.js';

const ROLES = {
  parent: { route: 'parents', relatives: 'children' },
  student: { route: 'students', relatives: 'parents' },
};
const PAGE_SIZES = [20, 50, 100];
/** Filters and page of each list, kept while the console is open (back from a card finds them). */
const lists = { parent: { surname: '', max: 50, first: 0, cursors: [null] }, student: { surname: '', max: 50, first: 0, cursors: [null] } };
let lastRole = 'parent';

function personLink(p) {
  return h('a', { href: '#/person/' + encodeURIComponent(p.id), class: 'person-link' }, fullName(p) || p.username || p.id);
}

async function showList(ctx, role) {
  lastRole = role;
  const state = lists[role];
  const surname = h('input', { type: 'search', name: 'surname', id: 'people-surname', autocomplete: 'off', spellcheck: 'false',
    maxlength: '100', value: state.surname });
  const status = select([['all', t('staff.people.' + role + '.statusAll')]], 'all', { id: 'people-status', name: 'status' });
  const max = select(PAGE_SIZES.map(n => [n, String(n)]), state.max, { id: 'people-max', name: 'max' });
  const results = h('div', { id: 'people-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'pf-v5-c-form school-toolbar', id: 'people-filters', role: 'search', novalidate: true,
    'aria-label': t('staff.people.filters') },
    field(t('staff.people.surname'), surname, { helper: t('staff.people.surnameHint') }),
    field(t('staff.people.status'), status),
    field(t('staff.people.pageSize'), max),
    h('div', { class: 'pf-v5-c-form__group' }, button(t('staff.people.search'), { variant: 'primary', type: 'submit', id: 'people-search' })));
  form.addEventListener('submit', e => {
    e.preventDefault();
    state.surname = surname.value.trim();
    state.max = Number(max.value);
    state.cursors = [null];
    load(0);
  });
  ctx.show(pageHeader(t('staff.people.' + role + '.title')), section(form, results));

  async function load(first) {
    // Keyset paging (issue 14): each page reached keeps the «after» cursor that asks for it; page 0 has none.
    const index = Math.min(Math.max(0, Math.floor(first / state.max)), state.cursors.length - 1);
    state.first = index * state.max;
    results.setAttribute('aria-busy', 'true');
    try {
      const page = readPeoplePage(await api('staff/people', { query: { role, status: 'all', surname: state.surname,
        after: state.cursors[index] || '', max: state.max } }));
      state.cursors = state.cursors.slice(0, index + 1);
      if (page.next) state.cursors.push(page.next);
      results.replaceChildren(...renderPeople(role, { ...page, first: state.first }, load));
    } catch (e) {
      results.replaceChildren(alert('danger', e.message, null, { id: 'people-error' }));
    } finally {
      results.removeAttribute('aria-busy');
      // How many answers this list has shown: lets a test (or a screen reader user) tell a fresh answer from the last.
      results.setAttribute('data-loads', String(Number(results.getAttribute('data-loads') || 0) + 1));
    }
  }
  await load(state.first);
}

function renderPeople(role, page, load) {
  if (page.items.length === 0) {
    return [emptyState(t('staff.people.nobody'), t('staff.people.nobodyHint'))];
  }
  const columns = [{ label: t('staff.people.name') }, { label: t('staff.people.birthdate') }, { label: t('staff.people.login') },
    { label: t('staff.people.homeOrganisation') }];
  // R-FAM-5: a flagged pupil stands out in the list (child-login.js owns the flag).
  const rows = page.items.map(p => [h('span', null, personLink(p), p.flag ? ' ' : null, flagLabel(p)), formatDate(p.birthdate), p.username,
    p.homeOrganization ? p.homeOrganization.name || p.homeOrganization.alias : '—']);
  return [
    h('p', { class: 'pf-v5-screen-reader', id: 'people-count' }, t('staff.people.found', page.total)),
    table(t('staff.people.' + role + '.title'), columns, rows),
    pagination({ first: page.first, max: page.max, shown: page.items.length, total: page.total, onPage: load }),
  ];
}

async function showCard(ctx, id) {
  const person = readCard(await api('staff/people/' + encodeURIComponent(id)));
  const role = ROLES[person.role] ? person.role : lastRole;
  const relatives = person[ROLES[role].relatives];
  const back = h('a', { href: '#/' + ROLES[role].route, id: 'card-back', class: 'pf-v5-c-breadcrumb__link' }, t('staff.people.' + role + '.title'));
  const login = h('code', { id: 'card-login' }, person.login || person.username);
  const copyStatus = h('span', { class: 'pf-v5-screen-reader', role: 'status', id: 'copy-status' });
  const copy = button(t('staff.card.copy'), { variant: 'link', small: true, id: 'copy-login', 'aria-describedby': 'card-login',
    onClick: () => copyLogin(login.textContent, copyStatus) });
  const main = card(t('staff.card.main'), descriptions([
    [t('staff.card.lastName'), person.lastName || '—'],
    [t('staff.card.firstName'), person.firstName || '—'],
    [t('staff.card.middleName'), person.noMiddleName || !person.middleName ? t('staff.card.noMiddleName') : person.middleName],
    [t('staff.card.birthdate'), formatDate(person.birthdate)],
    [t('staff.card.gender'), person.gender ? t('staff.card.gender.' + person.gender) : '—'],
    person.snilsMasked ? [t('staff.card.snils'), person.snilsMasked] : null,
    [t('staff.card.login'), h('span', null, login, ' ', copy, copyStatus)],
    [t('staff.card.' + ROLES[role].relatives), relatives.length
      ? h('ul', { class: 'pf-v5-c-list pf-m-plain', id: 'card-relatives' }, relatives.map(r => h('li', null, personLink(r))))
      : t('staff.card.none')],
    [t('staff.card.organisations'), person.organizations.map(o => o.name || o.alias).join(', ') || '—'],
    [t('staff.card.homeOrganisation'), person.homeOrganization ? person.homeOrganization.name || person.homeOrganization.alias : '—'],
  ]), credentials(person));
  ctx.show(
    pageHeader(t('staff.card.' + role + '.title', fullName(person)),
      h('nav', { class: 'pf-v5-c-breadcrumb', 'aria-label': t('staff.card.breadcrumb') }, h('ol', { class: 'pf-v5-c-breadcrumb__list', role: 'list' },
        h('li', { class: 'pf-v5-c-breadcrumb__item' }, back)))),
    section(h('div', { class: 'school-stack' }, main, ...ctx.cardSections(person))));
}

/** «Пароль»: issue or reset here (R-ODO-3), or whom to contact for a person of another home organisation (R-ODO-2). */
function credentials(person) {
  const box = h('div', { class: 'school-stack', id: 'credentials' });
  if (!person.canIssueCredentials) {
    const home = person.homeOrganization ? person.homeOrganization.name || person.homeOrganization.alias : t('staff.card.homeUnknown');
    box.append(alert('info', t('staff.card.credentialsElsewhere', home), t('staff.card.credentialsElsewhereHint'), { id: 'credentials-elsewhere' }));
    return box;
  }
  box.append(h('h3', { class: 'pf-v5-c-title pf-m-md' }, t('staff.card.password')),
    h('p', { class: 'pf-v5-c-helper-text' }, t('staff.card.passwordHint')),
    h('div', { class: 'school-actions' }, button(t('staff.password.open'), { variant: 'primary', id: 'change-password',
      onClick: () => passwordDialog(person) })));
  return box;
}

/** A password easy to read out: no 0/O, 1/l/I; upper, lower and digits always present. */
function generatedPassword() {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789'];
  const all = sets.join('');
  const random = new Uint32Array(12);
  crypto.getRandomValues(random);
  const chars = [...random].map((r, i) => (i < 3 ? sets[i] : all)[r % (i < 3 ? sets[i] : all).length]);
  // The three guaranteed characters go to random places.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random[i] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

function passwordDialog(person) {
  const fresh = h('input', { type: 'password', id: 'password-new', autocomplete: 'new-password', minlength: '8' });
  const confirmation = h('input', { type: 'password', id: 'password-confirm', autocomplete: 'new-password' });
  const temporary = h('input', { type: 'checkbox', id: 'password-temporary', checked: true });
  let generated = null;
  const generate = button(t('staff.password.generate'), { variant: 'link', id: 'password-generate', onClick: () => {
    generated = generatedPassword();
    fresh.value = generated;
    confirmation.value = generated;
    fresh.type = 'text';
    fresh.focus();
  } });
  fresh.addEventListener('input', () => { generated = null; fresh.type = 'password'; });
  openDialog({
    title: t('staff.password.title'),
    body: [
      h('p', { id: 'password-for' }, t('staff.password.for', fullName(person), person.login || person.username)),
      h('form', { class: 'pf-v5-c-form', novalidate: true, id: 'password-form', on: { submit: e => e.preventDefault() } },
        field(t('staff.password.new'), fresh, { helper: t('staff.password.rule'), required: true }),
        h('div', null, generate),
        field(t('staff.password.confirm'), confirmation, { required: true }),
        field(t('staff.password.temporary'), temporary)),
    ],
    actions: [
      { label: t('staff.password.save'), variant: 'primary', id: 'password-save', onClick: async dialog => {
        const invalid = (message, input) => { dialog.setError(message); input.setAttribute('aria-invalid', 'true'); input.focus(); };
        fresh.removeAttribute('aria-invalid');
        confirmation.removeAttribute('aria-invalid');
        if (fresh.value.length < 8) return invalid(t('staff.password.tooShort'), fresh);
        if (fresh.value !== confirmation.value) return invalid(t('staff.password.mismatch'), confirmation);
        try {
          await api('staff/people/' + encodeURIComponent(person.id) + '/credentials', { method: 'POST',
            body: { password: fresh.value, confirmation: confirmation.value, temporary: temporary.checked } });
        } catch (e) {
          const target = e.error === 'password_mismatch' ? confirmation : fresh;
          return invalid(e.message, target);
        }
        const shown = generated;
        dialog.close();
        if (shown) showOnce(person, shown, temporary.checked);
        else toast(t('staff.password.changed'));
      } },
      { label: t('staff.cancel'), variant: 'link', id: 'password-cancel' },
    ],
  });
}

/** The generated password, shown once to hand over; closing the dialog forgets it. */
function showOnce(person, password, temporary) {
  openDialog({
    title: t('staff.password.shownOnce.title'),
    body: [
      alert('success', t('staff.password.changed')),
      descriptions([[t('staff.card.login'), h('span', { class: 'school-secret', id: 'issued-login' }, person.login || person.username)],
        [t('staff.password.new'), h('span', { class: 'school-secret', id: 'issued-password' }, password)]]),
      h('p', null, t('staff.password.shownOnce.hint')),
      temporary ? h('p', null, t('staff.password.shownOnce.temporary')) : null,
    ],
    actions: [{ label: t('staff.password.shownOnce.done'), variant: 'primary', id: 'issued-done' }],
  });
}

function copyLogin(login, status) {
  const done = ok => { status.textContent = ok ? t('staff.card.copied') : t('staff.card.copyFailed'); toast(status.textContent, ok ? 'success' : 'warning'); };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(login).then(() => done(true), () => done(false));
  else done(false);
}

export default {
  id: 'people',
  nav: () => [
    { id: 'parents', label: t('staff.people.parent.title'), href: '#/parents' },
    { id: 'students', label: t('staff.people.student.title'), href: '#/students' },
  ],
  navFor: name => (name === 'person' ? ROLES[lastRole].route : name),
  routes: {
    parents: ctx => showList(ctx, 'parent'),
    students: ctx => showList(ctx, 'student'),
    person: (ctx, id) => showCard(ctx, id),
  },
};

export { personLink };
