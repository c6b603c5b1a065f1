// Capability «requests» (org.schoolesia.school.requests): «Обращения» — access requests
// «Обратиться в организацию» filed with the staff member's organisation (R-REQ-3): the queue with
// its filters and the overdue banner, one request with what Госуслуги said beside the
// organisation's accounts, and the decisions whose comment the person receives (R-REQ-4).

import {
  api, t, plural, h, button, field, select, alert, label, emptyState, descriptions, card, table, pagination, openDialog,
  pageHeader, section, formatDate, formatDateTime, fullName, uid,
} from '../assets/school-app.js';
import { readRequestsPage, readRequest } from './payloads.js';

const STATUSES = ['pending', 'resolved', 'rejected', 'linked-elsewhere', 'all'];
const STATUS_COLOURS = { pending: 'blue', resolved: 'green', rejected: 'red', 'linked-elsewhere': 'grey' };
const COMMENT_MAX = 1000;
/** The queue's filters and page, kept while the console is open; the message of the last decision. */
const filters = { status: 'pending', role: '', className: '', from: '', to: '', overdue: false, first: 0, max: 50 };
/** Keyset paging (issue 14): the «after» cursor of each page reached, page 0 has none; new filters start over. */
let cursors = [null];
let decided = null;

function statusLabel(status) { return label(t('staff.requests.status.' + status), STATUS_COLOURS[status] || 'grey'); }
function overdueLabel() { return label(t('staff.requests.overdue'), 'orange'); }
function roleText(role) { return role ? t('staff.requests.role.' + role) : '—'; }

async function showQueue(ctx) {
  const status = select(STATUSES.map(s => [s, t('staff.requests.filter.status.' + s)]), filters.status, { id: 'r-status' });
  const role = select([['', t('staff.requests.filter.role.all')], ['parent', t('staff.requests.filter.role.parent')],
    ['student', t('staff.requests.filter.role.student')]], filters.role, { id: 'r-role' });
  const className = h('input', { type: 'search', id: 'r-class', maxlength: '255', autocomplete: 'off', value: filters.className,
    placeholder: t('staff.requests.filter.classExample') });
  const from = h('input', { type: 'date', id: 'r-from', value: filters.from });
  const to = h('input', { type: 'date', id: 'r-to', value: filters.to });
  const overdue = h('input', { type: 'checkbox', id: 'r-overdue', checked: filters.overdue });
  const banner = h('div', { id: 'requests-overdue-holder' });
  const results = h('div', { id: 'requests-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'pf-v5-c-form school-toolbar', id: 'r-filters', role: 'search', novalidate: true,
    'aria-label': t('staff.requests.filters') },
    field(t('staff.requests.filter.status'), status), field(t('staff.requests.filter.role'), role),
    field(t('staff.requests.filter.class'), className), field(t('staff.requests.filter.from'), from),
    field(t('staff.requests.filter.to'), to), field(t('staff.requests.filter.overdue'), overdue),
    h('div', { class: 'pf-v5-c-form__group' }, button(t('staff.requests.filter.show'), { variant: 'primary', type: 'submit', id: 'r-load' })));
  const success = decided ? alert('success', decided, null, { id: 'requests-success', tabindex: '-1' }) : null;
  decided = null;
  form.addEventListener('submit', e => {
    e.preventDefault();
    if (success) success.remove();
    Object.assign(filters, { status: status.value, role: role.value, className: className.value.trim(), from: from.value, to: to.value,
      overdue: overdue.checked });
    cursors = [null];
    load(0);
  });
  ctx.show(pageHeader(t('staff.requests.title')), section(success, banner, form, results));
  if (success) success.focus();

  async function load(first) {
    // Only pages whose cursor is known: the first, those reached, and the one after the last shown.
    const index = Math.min(Math.max(0, Math.floor(first / filters.max)), cursors.length - 1);
    filters.first = index * filters.max;
    results.setAttribute('aria-busy', 'true');
    try {
      const page = readRequestsPage(await api('access-requests', { query: { status: filters.status, role: filters.role,
        class: filters.className, from: filters.from, to: filters.to, overdue: filters.overdue ? 'true' : '',
        after: cursors[index] || '', max: filters.max } }));
      cursors = cursors.slice(0, index + 1);
      if (page.next) cursors.push(page.next);
      banner.replaceChildren(page.overdueTotal > 0 ? overdueBanner(page) : '');
      // With a cursor the answer counts from it on: the pager adds the rows before.
      results.replaceChildren(...renderQueue({ ...page, first: filters.first, total: filters.first + page.total,
        totalExact: page.totalExact }, load));
    } catch (e) {
      results.replaceChildren(alert('danger', e.message, null, { id: 'requests-error' }));
    } finally {
      results.removeAttribute('aria-busy');
      // How many answers this list has shown: lets a test (or a screen reader user) tell a fresh answer from the last.
      results.setAttribute('data-loads', String(Number(results.getAttribute('data-loads') || 0) + 1));
    }
  }

  function overdueBanner(page) {
    const days = plural('staff.requests.days', page.overdueDays);
    return h('div', { class: 'pf-v5-c-alert pf-m-inline pf-m-warning', id: 'requests-overdue' },
      h('p', { class: 'pf-v5-c-alert__title' }, h('span', { class: 'pf-v5-screen-reader' }, t('app.alert.warning') + ': '),
        h('span', { id: 'requests-overdue-text' }, plural('staff.requests.overdueBanner', page.overdueTotal, days))),
      h('div', { class: 'pf-v5-c-alert__action-group' }, button(t('staff.requests.overdueShow'), { variant: 'link', small: true,
        id: 'requests-overdue-show', onClick: () => {
          status.value = 'pending';
          overdue.checked = true;
          form.requestSubmit();
        } })));
  }
  await load(filters.first);
}

function renderQueue(page, load) {
  if (page.items.length === 0) return [emptyState(t('staff.requests.none'), t('staff.requests.noneHint'))];
  const columns = ['number', 'date', 'name', 'role', 'child', 'class', 'status'].map(c => ({ label: t('staff.requests.column.' + c) }));
  const rows = page.items.map(r => [
    h('span', null, h('a', { href: '#/request/' + encodeURIComponent(r.id), class: 'request-link' }, t('staff.requests.number', r.number)),
      r.overdue ? ' ' : null, r.overdue ? overdueLabel() : null),
    formatDateTime(r.createdAt), fullName(r.person) || '—', roleText(r.role), r.child ? fullName(r.child) : '—', r.className || '—',
    statusLabel(r.status)]);
  return [
    table(t('staff.requests.title'), columns, rows),
    pagination({ first: page.first, max: page.max, shown: page.items.length, total: page.total, exact: page.totalExact, onPage: load }),
  ];
}

async function showRequest(ctx, id) {
  const r = readRequest(await api('access-requests/' + encodeURIComponent(id)));
  renderRequest(ctx, r);
}

function renderRequest(ctx, r) {
  const p = r.person;
  const esia = card(t('staff.request.esia'),
    h('div', { id: 'rq-esia' }, descriptions([
      [t('staff.request.name'), h('span', { id: 'rq-name' }, fullName(p) || '—')],
      [t('staff.request.birthdate'), h('span', { id: 'rq-birth' }, formatDate(p.birthDate))],
      [t('staff.request.email'), h('span', { id: 'rq-email' }, p.email || '—')],
      [t('staff.request.snils'), h('span', { id: 'rq-snils' }, p.snilsMasked || '—')],
      [t('staff.request.trusted'), p.trusted ? t('staff.request.trusted.yes') : t('staff.request.trusted.no')],
      [t('staff.request.role'), roleText(r.role)],
      [t('staff.request.class'), r.className || '—'],
      [t('staff.request.created'), formatDateTime(r.createdAt)],
    ])),
    r.child ? h('div', { id: 'rq-child' }, h('h3', { class: 'pf-v5-c-title pf-m-md' }, t('staff.request.child')), descriptions([
      [t('staff.request.name'), h('span', { id: 'rq-child-name' }, fullName(r.child) || '—')],
      [t('staff.request.birthdate'), formatDate(r.child.birthDate)],
      [t('staff.request.snils'), r.child.snilsMasked || '—'],
      [t('staff.request.birthCertificate'), r.child.birthCertificate || '—'],
    ])) : null,
    h('h3', { class: 'pf-v5-c-title pf-m-md' }, t('staff.request.comment')),
    // The person's words as typed: a text node, never markup.
    h('p', { class: 'school-pre', id: 'rq-comment' }, r.comment || t('staff.request.noComment')));
  const back = h('a', { href: '#/requests', id: 'request-back', class: 'pf-v5-c-breadcrumb__link' }, t('staff.requests.title'));
  ctx.show(
    pageHeader(t('staff.request.title', r.number),
      h('nav', { class: 'pf-v5-c-breadcrumb', 'aria-label': t('staff.card.breadcrumb') }, h('ol', { class: 'pf-v5-c-breadcrumb__list', role: 'list' },
        h('li', { class: 'pf-v5-c-breadcrumb__item' }, back))),
      h('p', { id: 'rq-state' }, statusLabel(r.status), r.overdue ? ' ' : null, r.overdue ? overdueLabel() : null)),
    section(h('div', { class: 'school-stack' }, esia, r.status === 'pending' ? accounts(ctx, r) : null, r.decision ? decision(r.decision) : null)));
}

/** «Совпадает: СНИЛС, ФИО. Не совпадает: дата рождения.» */
function matches(c) {
  const parts = [[c.snilsMatches, 'snils'], [c.nameMatches, 'name'], [c.birthDateMatches, 'birthdate']];
  const yes = parts.filter(m => m[0]).map(m => t('staff.request.match.' + m[1]));
  const no = parts.filter(m => !m[0]).map(m => t('staff.request.match.' + m[1]));
  return [yes.length ? t('staff.request.matches', yes.join(', ')) : '', no.length ? t('staff.request.differs', no.join(', ')) : ''].filter(Boolean).join(' ');
}

function radio(name, value, checked, disabled, title, lines) {
  const input = h('input', { type: 'radio', class: 'pf-v5-c-radio__input', name, value, id: uid(name), checked, disabled });
  return h('div', { class: 'pf-v5-c-radio' + (disabled ? ' pf-m-disabled' : '') }, input,
    h('label', { class: 'pf-v5-c-radio__label' + (disabled ? ' pf-m-disabled' : ''), for: input.id }, title),
    lines.filter(Boolean).map(line => h('span', { class: 'pf-v5-c-radio__description' + (line.refusal ? ' school-refusal' : '') }, line.text)));
}

function candidateLines(c) {
  return [{ text: t('staff.request.candidateLine', c.username || '—', formatDate(c.birthdate)) }, { text: matches(c) },
    c.refusal ? { refusal: true, text: t('staff.request.refused', c.refusal.message || c.refusal.reason) } : null];
}

function describe(list, id) {
  const found = list.find(c => c.id === id);
  return found ? (fullName(found) || found.username) + (found.username ? ' (' + found.username + ')' : '') : id;
}

/** «Учетные записи организации»: the accounts the person may be, best match first, and the three decisions. */
function accounts(ctx, r) {
  const list = h('fieldset', { class: 'pf-v5-c-form__fieldset', id: 'rq-candidates' },
    h('legend', { class: 'pf-v5-screen-reader' }, t('staff.request.accountLegend')),
    r.candidates.length ? r.candidates.map(c => radio('rq-account', c.id, false, !!c.refusal, fullName(c) || c.username, candidateLines(c)))
      : h('p', { class: 'pf-v5-c-helper-text' }, t('staff.request.noCandidates')));
  let children = null;
  if (r.role === 'parent' && r.child) {
    const kids = r.childCandidates;
    // The likely child is chosen already; «Не связывать» stays one click away (R-FAM-1).
    const likely = kids.length && (kids[0].snilsMatches || (kids[0].nameMatches && kids[0].birthDateMatches)) ? kids[0].id : '';
    children = h('div', { id: 'rq-child-accounts' }, h('h3', { class: 'pf-v5-c-title pf-m-md' }, t('staff.request.childAccount')),
      h('fieldset', { class: 'pf-v5-c-form__fieldset', id: 'rq-child-candidates' },
        h('legend', { class: 'pf-v5-screen-reader' }, t('staff.request.childLegend')),
        radio('rq-child', '', !likely, false, t('staff.request.noChild'), kids.length ? [] : [{ text: t('staff.request.noChildCandidates') }]),
        kids.map(c => radio('rq-child', c.id, c.id === likely, false, fullName(c) || c.username, candidateLines(c)))));
  }
  const error = h('div', { id: 'rq-action-error-holder', 'aria-live': 'assertive' });
  const chosen = name => { const input = document.querySelector('input[name="' + name + '"]:checked'); return input ? input.value : ''; };
  const open = kind => {
    error.replaceChildren();
    const accountId = kind === 'link' ? chosen('rq-account') : '';
    if (kind === 'link' && !accountId) {
      error.replaceChildren(alert('danger', t('staff.request.chooseAccount'), null, { id: 'rq-action-error' }));
      return;
    }
    const childAccountId = kind !== 'reject' && r.role === 'parent' ? chosen('rq-child') : '';
    decisionDialog(ctx, r, kind, accountId, childAccountId);
  };
  return card(t('staff.request.accounts'),
    h('div', { id: 'rq-accounts', class: 'school-stack' },
      h('p', { class: 'pf-v5-c-helper-text' }, t('staff.request.accountsHint')), list, children, error,
      h('div', { class: 'school-actions' },
        button(t('staff.decision.link.title'), { variant: 'primary', id: 'rq-link', disabled: !r.candidates.some(c => !c.refusal), onClick: () => open('link') }),
        button(t('staff.decision.create.title'), { variant: 'secondary', id: 'rq-create', onClick: () => open('create') }),
        button(t('staff.decision.reject.title'), { variant: 'danger', id: 'rq-reject', onClick: () => open('reject') }))));
}

function decisionDialog(ctx, r, kind, accountId, childAccountId) {
  const who = fullName(r.person);
  let what = kind === 'link' ? t('staff.decision.link.what', who, describe(r.candidates, accountId))
    : kind === 'create' ? t('staff.decision.create.what', roleText(r.role).toLowerCase(), who) : t('staff.decision.reject.what');
  if (childAccountId) what += ' ' + t('staff.decision.child', describe(r.childCandidates, childAccountId));
  const comment = h('textarea', { id: 'decision-comment', rows: '4', maxlength: String(COMMENT_MAX) });
  const count = h('span', { id: 'decision-count', 'aria-live': 'polite' }, '0 / ' + COMMENT_MAX);
  comment.addEventListener('input', () => { count.textContent = comment.value.length + ' / ' + COMMENT_MAX; });
  openDialog({
    title: t('staff.decision.' + kind + '.title'),
    size: 'md',
    body: [h('p', { id: 'decision-what' }, what),
      h('form', { class: 'pf-v5-c-form', novalidate: true, on: { submit: e => e.preventDefault() } },
        field(t('staff.decision.comment'), comment, { helper: t('staff.decision.commentHint'), required: kind === 'reject' }),
        h('div', { class: 'pf-v5-c-helper-text' }, count))],
    actions: [
      { label: t('staff.decision.' + kind + '.confirm'), variant: kind === 'reject' ? 'danger' : 'primary', id: 'decision-confirm', onClick: async dialog => {
        if (kind === 'reject' && !comment.value.trim()) {
          dialog.setError(t('staff.decision.rejectNeedsComment'));
          comment.setAttribute('aria-invalid', 'true');
          comment.focus();
          return;
        }
        const body = { comment: comment.value };
        if (kind === 'link') body.accountId = accountId;
        if (kind === 'create') body.createAccount = true;
        if (childAccountId) body.childAccountId = childAccountId;
        try {
          const answer = readRequest(await api('access-requests/' + encodeURIComponent(r.id) + (kind === 'reject' ? '/reject' : '/resolve'),
            { method: 'POST', body }));
          dialog.close();
          decided = t('staff.decision.' + kind + '.done', answer.number);
          ctx.navigate('#/requests');
        } catch (e) {
          dialog.setError(e.message);
          if (e.status === 409 && e.error === 'already_decided') {
            // Someone else decided meanwhile: the request as it is now.
            api('access-requests/' + encodeURIComponent(r.id)).then(now => { dialog.close(); renderRequest(ctx, readRequest(now)); }, () => {});
          }
        }
      } },
      { label: t('staff.cancel'), variant: 'link', id: 'decision-cancel' },
    ],
  });
}

function decision(d) {
  return card(t('staff.request.decision'), h('div', { id: 'rq-decision' }, descriptions([
    [t('staff.request.decision.status'), h('span', { id: 'rq-d-status' }, d.statusLabel || t('staff.requests.status.' + d.status))],
    [t('staff.request.decision.at'), formatDateTime(d.decidedAt)],
    [t('staff.request.decision.by'), h('span', { id: 'rq-d-by' }, d.decidedBy ? d.decidedBy.name || d.decidedBy.id : '—')],
    d.account ? [t('staff.request.decision.account'), h('span', { id: 'rq-d-account' },
      h('a', { href: '#/person/' + encodeURIComponent(d.account.id) }, d.account.name || d.account.username),
      d.account.username ? ' (' + d.account.username + ')' : '')] : null,
    [t('staff.request.decision.comment'), h('span', { class: 'school-pre', id: 'rq-d-comment' }, d.comment || t('staff.request.noComment'))],
  ])));
}

export default {
  id: 'requests',
  nav: () => [{ id: 'requests', label: t('staff.requests.title'), href: '#/requests' }],
  navFor: () => 'requests',
  routes: {
    requests: ctx => showQueue(ctx),
    request: (ctx, id) => showRequest(ctx, id),
  },
};
