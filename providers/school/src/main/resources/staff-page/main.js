// The staff console: logs in (public client school-staff), asks who the staff member is, builds
// the shell, and hands each route to the capability module that owns it. One module per
// capability, mirroring the Java packages (org.schoolesia.school.*):
//   people.js     accounts  — lists of parents and students, a person's card, credentials (R-ODO-3)
//   enrolment.js  accounts  — «Быстрый ввод», «Импорт учеников», pupils of other organisations (R-ODO-1)
//   esia-link.js  link      — the card's «Госуслуги (ЕСИА)» section (R-LINK-4)
//   requests.js   requests  — «Обращения», the queue and the decisions (R-REQ-3, R-REQ-4)
//   family.js     family    — the card's «Родители и представители» / «Дети» (R-FAM-1, R-FAM-3)
//   family-proposals.js family — children found in the parents’ Госуслуги: on the card «Найдены на Госуслугах», in the menu «Найденные дети»
//   child-login.js family   — the card's «Доступ для учеников до 14 лет» (R-FAM-4) and R-FAM-5 flag
//   invitations.js invitations — the pupil card's «Пригласительные коды» and the printable slip (R-FAM-2)
//   certificates.js certificates — the card's «Сертификат дополнительного образования» (R-CERT-4)
// A new capability adds one module of the same shape to CAPABILITIES below (README: Staff console).
//
// A capability module exports default {id, nav(ctx), routes, cardSection?(ctx, card)}:
//   nav(ctx)     → [{id, label, href}] entries of the side navigation (may be empty)
//   routes       → {name: (ctx, ...parts) => Promise|void}, for '#/name/part…'
//   cardSection  → a Node (or null) shown on a person's card, like the Java CardSection

import { startApp, shell, route, api, t, h, spinner, alert, section, logout, ApiError, fullName } from '../assets/school-app.js';
import { readMe } from './payloads.js';
import people from './people.js';
import enrolment from './enrolment.js';
import requests from './requests.js';
import esiaLink from './esia-link.js';
import family from './family.js';
import familyProposals from './family-proposals.js';
import childLogin from './child-login.js';
import invitations from './invitations.js';
import certificates from './certificates.js';

const CAPABILITIES = [people, requests, enrolment, esiaLink, family, familyProposals, childLogin, invitations, certificates];
const DEFAULT_ROUTE = '#/parents';

const ctx = {
  me: null,
  main: null,
  frame: null,
  /** Go to a route; when already there, render it again (a list after a decision). */
  navigate(hash) {
    if (location.hash === hash) render();
    else location.hash = hash;
  },
  /** The sections other capabilities add to a person's card, in CAPABILITIES order. */
  cardSections(card) {
    return CAPABILITIES.filter(c => c.cardSection).map(c => c.cardSection(ctx, card)).filter(Boolean);
  },
  /** Replaces the main area's content; the first heading takes focus when asked (after a click). */
  show(...nodes) {
    ctx.main.replaceChildren(...nodes);
  },
};

function buildShell() {
  const org = ctx.me.organization;
  ctx.frame = shell({
    brand: t('staff.brand'),
    subtitle: org.name,
    user: { name: fullName(ctx.me) || ctx.me.username },
    nav: CAPABILITIES.flatMap(c => (c.nav ? c.nav(ctx) : [])),
  });
  ctx.main = ctx.frame.main;
}

let rendering = 0;
async function render(focus) {
  const [name, ...parts] = route();
  const owner = CAPABILITIES.find(c => c.routes && c.routes[name]);
  if (!owner) {
    location.replace(DEFAULT_ROUTE);
    return;
  }
  const mine = ++rendering;
  ctx.frame.setCurrent(owner.navFor ? owner.navFor(name, parts) : name);
  ctx.show(spinner());
  try {
    await owner.routes[name](ctx, ...parts);
  } catch (e) {
    if (mine !== rendering) return;
    ctx.show(section(alert('danger', e instanceof ApiError ? e.message : t('app.error.server'))));
  }
  if (focus && mine === rendering) {
    const heading = document.getElementById('page-title');
    if (heading) heading.focus();
  }
  document.title = t('staff.title', ctx.me.organization.name || '');
}

async function main() {
  const app = document.getElementById('app');
  try {
    await startApp({ clientId: 'school-staff', bundlePrefix: 'staff.', onLanguage: () => { buildShell(); render(false); } });
  } catch (e) {
    app.replaceChildren(section(alert('danger', t('app.error.login'))));
    return;
  }
  try {
    ctx.me = readMe(await api('staff/me'));
  } catch (e) {
    // Not staff (403 with the server's words), or the organisation is gone: nothing else to show.
    app.replaceChildren(h('main', { class: 'pf-v5-c-page__main', id: 'main' }, section(
      h('h1', { class: 'pf-v5-c-title pf-m-2xl', id: 'page-title' }, t('staff.brand')),
      alert('danger', e.message, null, { id: 'problem' }),
      h('div', { class: 'school-actions' }, h('button', { class: 'pf-v5-c-button pf-m-secondary', type: 'button', id: 'problem-logout',
        on: { click: () => logout() } }, t('app.logout'))))));
    return;
  }
  buildShell();
  if (!location.hash || location.hash === '#') history.replaceState(null, '', DEFAULT_ROUTE);
  window.addEventListener('hashchange', () => render(true));
  await render(false);
}

main();
