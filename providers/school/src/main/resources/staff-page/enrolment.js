// Capability «accounts», enrolment (org.schoolesia.school.accounts: Enrolments, QuickEntry,
// StudentImport; R-ODO-1): pupils of the region's other organisations («Список обучающихся в
// других ОО», ОДО staff), «Быстрый ввод» of a new child with a parent, «Импорт учеников» from CSV.
// New accounts belong to the staff member's organisation; their passwords are issued on the card.

import {
  api, t, h, button, field, select, alert, emptyState, card, table, toast, pageHeader, section, formatDate, fullName,
} from '../assets/school-app.js';
import { readCandidates, readCreated, readImportReport, readImportProblems } from './payloads.js';
import { personLink } from './people.js';

const SUPPLEMENTARY = 'supplementary';

/** Shows an outcome and brings it into view (it may sit below a long form on a phone). */
function report(outcome, ...nodes) {
  outcome.replaceChildren(...nodes);
  outcome.scrollIntoView({ block: 'nearest' });
}

function input(id, props = {}) {
  return h('input', { type: 'text', id, autocomplete: 'off', maxlength: '100', ...props });
}

/** «Список обучающихся в других ОО»: search (4 letters, or 2 and the birth date) and «Зачислить». */
function otherOrganisations() {
  const surname = input('cand-surname', { type: 'search' });
  const birthdate = input('cand-birthdate', { type: 'date' });
  const results = h('div', { id: 'cand-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'pf-v5-c-form school-toolbar', id: 'cand-form', role: 'search', novalidate: true, 'aria-label': t('staff.enrol.others') },
    field(t('staff.enrol.surname'), surname, { helper: t('staff.enrol.surnameHint') }), field(t('staff.enrol.birthdate'), birthdate),
    h('div', { class: 'pf-v5-c-form__group' }, button(t('staff.enrol.find'), { variant: 'primary', type: 'submit', id: 'cand-search' })));
  const search = async () => {
    try {
      const items = readCandidates(await api('staff/candidates', { query: { surname: surname.value.trim(), birthdate: birthdate.value } }));
      results.replaceChildren(items.length === 0 ? emptyState(t('staff.enrol.nobody')) : table(t('staff.enrol.others'),
        ['name', 'birthdate', 'organisation', 'action'].map(c => ({ label: t('staff.enrol.column.' + c) })),
        items.map(c => [fullName(c), formatDate(c.birthdate), c.homeOrganization ? c.homeOrganization.name : '—',
          c.alreadyEnrolled ? t('staff.enrol.already') : button(t('staff.enrol.enrol'), { variant: 'secondary', small: true,
            'aria-label': t('staff.enrol.enrolWho', fullName(c)), onClick: async () => {
              try {
                await api('staff/enrolments', { method: 'POST', body: { studentId: c.id } });
                toast(t('staff.enrol.enrolled', fullName(c)));
                search();
              } catch (e) {
                toast(e.message, 'danger');
              }
            } })])));
    } catch (e) {
      results.replaceChildren(alert('danger', e.message, null, { id: 'cand-error' }));
    }
  };
  form.addEventListener('submit', e => { e.preventDefault(); search(); });
  return card(t('staff.enrol.others'), h('p', { class: 'pf-v5-c-helper-text' }, t('staff.enrol.othersHint')), form, results);
}

function personFields(prefix) {
  const f = {
    lastName: input(prefix + '-last'), firstName: input(prefix + '-first'), middleName: input(prefix + '-middle'),
    noMiddleName: h('input', { type: 'checkbox', id: prefix + '-no-middle' }),
    birthdate: input(prefix + '-birthdate', { type: 'date' }),
    gender: select([['', t('staff.enrol.gender.choose')], ['M', t('staff.card.gender.M')], ['F', t('staff.card.gender.F')]], '', { id: prefix + '-gender' }),
    snils: input(prefix + '-snils', { inputmode: 'numeric', maxlength: '14' }),
  };
  const nodes = [field(t('staff.card.lastName'), f.lastName, { required: true }), field(t('staff.card.firstName'), f.firstName, { required: true }),
    field(t('staff.card.middleName'), f.middleName), field(t('staff.card.noMiddleName'), f.noMiddleName),
    field(t('staff.card.birthdate'), f.birthdate, { required: true }),
    field(t('staff.card.gender'), f.gender, { required: true }),
    field(t('staff.card.snils'), f.snils, { helper: t('staff.enrol.snilsHint') })];
  const value = () => ({ lastName: f.lastName.value.trim(), firstName: f.firstName.value.trim(), middleName: f.middleName.value.trim() || null,
    noMiddleName: f.noMiddleName.checked, birthdate: f.birthdate.value || null, gender: f.gender.value || null,
    snils: f.snils.value.trim() || null });
  const empty = () => !f.lastName.value.trim() && !f.firstName.value.trim() && !f.snils.value.trim();
  const reset = () => Object.values(f).forEach(el => { if (el.type === 'checkbox') el.checked = false; else el.value = ''; });
  return { nodes, value, empty, reset };
}

/** «Быстрый ввод»: a new child (and a parent) whose home organisation is the staff member's. */
function quickEntry() {
  const student = personFields('qe-student');
  const parent = personFields('qe-parent');
  const outcome = h('div', { id: 'qe-outcome', 'aria-live': 'polite' });
  const form = h('form', { class: 'pf-v5-c-form', id: 'qe-form', novalidate: true },
    h('fieldset', { class: 'pf-v5-c-form__fieldset' }, h('legend', { class: 'pf-v5-c-form__legend pf-v5-c-title pf-m-md' }, t('staff.enrol.student')), student.nodes),
    h('fieldset', { class: 'pf-v5-c-form__fieldset' }, h('legend', { class: 'pf-v5-c-form__legend pf-v5-c-title pf-m-md' }, t('staff.enrol.parent')),
      h('p', { class: 'pf-v5-c-helper-text' }, t('staff.enrol.parentHint')), parent.nodes),
    h('div', { class: 'school-actions' }, button(t('staff.enrol.create'), { variant: 'primary', type: 'submit', id: 'qe-create' })), outcome);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const created = readCreated(await api('staff/accounts', { method: 'POST',
        body: { student: student.value(), parents: parent.empty() ? [] : [parent.value()] } }));
      report(outcome, alert('success', t('staff.enrol.created'), h('ul', { class: 'pf-v5-c-list', id: 'qe-logins' },
        [created.student, ...created.parents].map(l => h('li', null, personLink({ id: l.id, username: l.login }))))));
      student.reset();
      parent.reset();
    } catch (err) {
      report(outcome, alert('danger', err.message, null, { id: 'qe-error' }));
    }
  });
  return card(t('staff.enrol.quick'), form);
}

/** «Импорт учеников»: a CSV file; a bad row refuses the whole file, listing every bad row. */
function importStudents() {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv' });
  const outcome = h('div', { id: 'import-outcome', 'aria-live': 'polite' });
  const form = h('form', { class: 'pf-v5-c-form', id: 'import-form', novalidate: true },
    h('p', { class: 'pf-v5-c-helper-text' }, t('staff.enrol.importHint')),
    h('p', null, h('code', { class: 'school-pre' }, t('staff.enrol.importColumns'))),
    field(t('staff.enrol.importFile'), file),
    h('div', { class: 'school-actions' }, button(t('staff.enrol.importRun'), { variant: 'primary', type: 'submit', id: 'import-run' })), outcome);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files || !file.files[0]) {
      report(outcome, alert('danger', t('staff.enrol.importChoose'), null, { id: 'import-error' }));
      return;
    }
    try {
      const report = readImportReport(await api('staff/accounts/import', { method: 'POST', body: file.files[0], contentType: 'text/csv; charset=utf-8' }));
      report(outcome, alert('success', t('staff.enrol.imported', report.created.length, report.skipped.length), h('ul', { class: 'pf-v5-c-list', id: 'import-report' },
        report.created.map(r => h('li', null, t('staff.enrol.importRow', r.row, [r.studentLogin, ...r.parentLogins].join(', ')))),
        report.skipped.map(r => h('li', null, t('staff.enrol.importRow', r.row, r.reason))))));
    } catch (err) {
      const rows = err.body ? readImportProblems(err.body) : [];
      report(outcome, alert('danger', err.message, rows.length ? h('ul', { class: 'pf-v5-c-list', id: 'import-problems' },
        rows.map(r => h('li', null, r.row === null ? r.message : t('staff.enrol.importRow', r.row, r.message)))) : null, { id: 'import-error' }));
    }
  });
  return card(t('staff.enrol.import'), form);
}

export default {
  id: 'enrolment',
  nav: () => [{ id: 'enrol', label: t('staff.enrol.title'), href: '#/enrol' }],
  routes: {
    enrol: ctx => ctx.show(pageHeader(t('staff.enrol.title')), section(h('div', { class: 'school-stack' },
      ctx.me.organization.type === SUPPLEMENTARY ? otherOrganisations() : null, quickEntry(), importStudents()))),
  },
};
