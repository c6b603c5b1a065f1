// Every answer of the staff API read in one place: a small reader per response that checks the
// shape and gives the page plain objects with the fields it uses (missing text → '', missing
// list → []). A field renamed on the server fails here, loudly, not as "undefined" on screen.
// The Java records they mirror: accounts/AccountViews, link/EsiaLinkResource.View,
// requests/AccessRequestViews.

/** An answer that does not have the expected shape (a server and page of different versions). */
export class PayloadError extends Error {
  constructor(what) {
    super('unexpected answer: ' + what);
    this.name = 'PayloadError';
  }
}

function object(v, what) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new PayloadError(what);
  return v;
}
function text(v) { return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v); }
function optionalText(v) { return typeof v === 'string' && v !== '' ? v : null; }
function number(v, what) { if (typeof v !== 'number') throw new PayloadError(what); return v; }
function list(v, read, what) {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new PayloadError(what);
  return v.map(read);
}
function required(v, what) { const s = text(v); if (!s) throw new PayloadError(what); return s; }

function names(v) {
  const o = v || {};
  return { lastName: text(o.lastName), firstName: text(o.firstName), middleName: text(o.middleName) };
}
function organisationRef(v) { return v ? { alias: text(v.alias), name: text(v.name) } : null; }

/** GET staff/me */
export function readMe(v) {
  const o = object(v, 'me');
  const org = o.organization ? object(o.organization, 'me.organization') : {};
  return {
    id: required(o.id, 'me.id'), username: text(o.username), ...names(o),
    positions: list(o.positions, text, 'me.positions'),
    organization: { alias: text(org.alias), name: text(org.name), type: text(org.type), typeLabel: text(org.typeLabel) },
  };
}

/** A line of the people list (AccountViews.Person). */
export function readPerson(v) {
  const o = object(v, 'person');
  return {
    id: required(o.id, 'person.id'), username: text(o.username), ...names(o), birthdate: optionalText(o.birthdate),
    role: text(o.role), homeOrganization: organisationRef(o.homeOrganization), enrolmentSource: optionalText(o.enrolmentSource),
    canIssueCredentials: o.canIssueCredentials === true,
    flag: o.flag ? readAccountFlag(o.flag) : null,
  };
}

/** GET staff/people */
export function readPeoplePage(v) {
  const o = object(v, 'people');
  return { total: number(o.total, 'people.total'), first: number(o.first, 'people.first'), max: number(o.max, 'people.max'),
    items: list(o.items, readPerson, 'people.items'), next: optionalText(o.next) };
}

/** GET staff/people/{id}: the line, more fields, relatives, and the sections of other capabilities (esiaLink). */
export function readCard(v) {
  const o = object(v, 'card');
  const relative = r => ({ id: required(object(r, 'relative').id, 'relative.id'), ...names(r) });
  return {
    ...readPerson(o), login: text(o.login), gender: optionalText(o.gender), snilsMasked: optionalText(o.snilsMasked),
    noMiddleName: o.noMiddleName === true,
    parents: list(o.parents, relative, 'card.parents'), children: list(o.children, relative, 'card.children'),
    organizations: list(o.organizations, organisationRef, 'card.organizations'),
    esiaLink: o.esiaLink ? readEsiaLink(o.esiaLink) : null,
    certificate: o.certificate ? readCertificateCard(o.certificate) : null,
  };
}

/** The card's certificate section and GET/POST staff/people/{id}/certificate (certificates/StaffCertificateResource.CardView). */
export function readCertificateCard(v) {
  const o = object(v, 'certificate');
  const c = o.certificate ? object(o.certificate, 'certificate.certificate') : null;
  return {
    mayChange: o.mayChange === true,
    certificate: c ? { number: required(c.number, 'certificate.number'), status: required(c.status, 'certificate.status'),
      statusLabel: text(c.statusLabel), validFrom: optionalText(c.validFrom), validTo: optionalText(c.validTo),
      changeReason: optionalText(c.changeReason) } : null,
  };
}

/** GET/PUT staff/people/{id}/esia-link (EsiaLinkResource.View). */
export function readEsiaLink(v) {
  const o = object(v, 'esiaLink');
  const status = text(o.status);
  if (!['none', 'pending', 'linked'].includes(status)) throw new PayloadError('esiaLink.status');
  return { status, method: optionalText(o.method), since: optionalText(o.since), linkedBy: optionalText(o.linkedBy), esiaOid: optionalText(o.esiaOid) };
}

/** GET staff/candidates («Список обучающихся в других ОО»). */
export function readCandidates(v) {
  const o = object(v, 'candidates');
  return list(o.items, c => ({ id: required(object(c, 'candidate').id, 'candidate.id'), ...names(c), birthdate: optionalText(c.birthdate),
    homeOrganization: organisationRef(c.homeOrganization), alreadyEnrolled: c.alreadyEnrolled === true }), 'candidates.items');
}

/** POST staff/accounts («Быстрый ввод»): the logins created. */
export function readCreated(v) {
  const o = object(v, 'created');
  const login = l => ({ id: required(object(l, 'login').id, 'login.id'), login: text(l.login) });
  return { student: login(o.student), parents: list(o.parents, login, 'created.parents') };
}

/** POST staff/accounts/import: created rows and rows skipped as already imported. */
export function readImportReport(v) {
  const o = object(v, 'import');
  return {
    created: list(o.created, r => ({ row: number(r.row, 'row'), studentLogin: text(r.studentLogin), parentLogins: list(r.parentLogins, text, 'parentLogins') }), 'import.created'),
    skipped: list(o.skipped, r => ({ row: number(r.row, 'row'), reason: text(r.reason) }), 'import.skipped'),
  };
}

/** The rows of a refused import (422 invalid_rows): [{row, column, message}]. */
export function readImportProblems(body) {
  return list(body && body.rows, r => ({ row: typeof r.row === 'number' ? r.row : null, column: text(r.column), message: text(r.message) }), 'rows');
}

function requestNames(v) { return v ? { ...names(v), birthDate: optionalText(v.birthDate) } : null; }

/** A line of the requests list (AccessRequestViews.Summary). */
export function readRequestSummary(v) {
  const o = object(v, 'request');
  return {
    id: required(o.id, 'request.id'), number: text(o.number), status: text(o.status), role: text(o.role),
    createdAt: optionalText(o.createdAt), decidedAt: optionalText(o.decidedAt),
    person: requestNames(o.person) || { lastName: '', firstName: '', middleName: '', birthDate: null },
    child: requestNames(o.child), className: optionalText(o.className), overdue: o.overdue === true,
  };
}

/** GET access-requests */
export function readRequestsPage(v) {
  const o = object(v, 'requests');
  return {
    total: number(o.total, 'requests.total'), totalExact: o.totalExact !== false, first: number(o.first, 'requests.first'),
    max: number(o.max, 'requests.max'), overdueDays: typeof o.overdueDays === 'number' ? o.overdueDays : 0,
    overdueTotal: typeof o.overdueTotal === 'number' ? o.overdueTotal : 0, items: list(o.items, readRequestSummary, 'requests.items'),
    next: optionalText(o.next),
  };
}

function readRequestCandidate(v) {
  const o = object(v, 'candidate');
  return {
    id: required(o.id, 'candidate.id'), username: text(o.username), ...names(o), birthdate: optionalText(o.birthdate),
    snilsMatches: o.snilsMatches === true, nameMatches: o.nameMatches === true, birthDateMatches: o.birthDateMatches === true,
    refusal: o.refusal ? { reason: text(o.refusal.reason), message: text(o.refusal.message) } : null,
  };
}

/** GET access-requests/{id}, and the answer of a decision (AccessRequestViews.Detail). */
export function readRequest(v) {
  const o = object(v, 'request');
  const p = o.person ? object(o.person, 'request.person') : {};
  const c = o.child ? object(o.child, 'request.child') : null;
  const d = o.decision ? object(o.decision, 'request.decision') : null;
  return {
    ...readRequestSummary(o),
    person: { ...requestNames(p), email: optionalText(p.email), snilsMasked: optionalText(p.snilsMasked), trusted: p.trusted === true },
    child: c ? { ...requestNames(c), snilsMasked: optionalText(c.snilsMasked), birthCertificate: optionalText(c.birthCertificate) } : null,
    comment: optionalText(o.comment),
    decision: d ? {
      status: text(d.status), statusLabel: text(d.statusLabel), decidedAt: optionalText(d.decidedAt),
      decidedBy: d.decidedBy ? { id: text(d.decidedBy.id), name: text(d.decidedBy.name) } : null, comment: optionalText(d.comment),
      account: d.account ? { id: text(d.account.id), username: text(d.account.username), name: text(d.account.name) } : null,
    } : null,
    candidates: list(o.candidates, readRequestCandidate, 'request.candidates'),
    childCandidates: list(o.childCandidates, readRequestCandidate, 'request.childCandidates'),
  };
}

/** GET/DELETE staff/people/{id}/invitation-codes (invitations/InvitationCodeResource.Codes): never a code, only when and by whom. */
export function readInvitationCodes(v) {
  const o = object(v, 'invitationCodes');
  return {
    mayIssue: o.mayIssue === true, max: number(o.max, 'invitationCodes.max'),
    active: list(o.active, a => ({ issuedAt: required(a.issuedAt, 'code.issuedAt'), expiresAt: required(a.expiresAt, 'code.expiresAt'),
      issuedBy: a.issuedBy ? text(a.issuedBy.name) : '' }), 'invitationCodes.active'),
  };
}

/** POST staff/people/{id}/invitation-codes (InvitationCodeResource.IssuedCode): the code, shown once, and the slip's facts. */
export function readIssuedCode(v) {
  const o = object(v, 'issuedCode');
  return {
    code: required(o.code, 'issuedCode.code'), expiresAt: required(o.expiresAt, 'issuedCode.expiresAt'),
    child: names(object(o.child, 'issuedCode.child')), organization: organisationRef(o.organization),
    personalPageUrl: required(o.personalPageUrl, 'issuedCode.personalPageUrl'), codes: readInvitationCodes(o.codes),
  };
}

function familyActor(v) { return v ? { id: text(v.id), name: text(v.name) } : null; }
function familyPerson(v) { return v ? { id: required(object(v, 'family.person').id, 'family.person.id'), username: text(v.username), ...names(v) } : null; }

/** GET staff/people/{id}/family-links (family/FamilyLinkResource.Links). */
export function readFamilyLinks(v) {
  const o = object(v, 'familyLinks');
  const side = text(o.side);
  if (!['child', 'parent'].includes(side)) throw new PayloadError('familyLinks.side');
  return {
    personId: required(o.personId, 'familyLinks.personId'), side, mayChange: o.mayChange === true, total: number(o.total, 'familyLinks.total'),
    items: list(o.items, l => ({
      id: required(object(l, 'familyLink').id, 'familyLink.id'), active: l.active === true, kind: text(l.kind), kindLabel: text(l.kindLabel),
      source: text(l.source), sourceLabel: text(l.sourceLabel), parent: familyPerson(l.parent), child: familyPerson(l.child),
      createdAt: optionalText(l.createdAt), createdBy: familyActor(l.createdBy), revokedAt: optionalText(l.revokedAt), revokedBy: familyActor(l.revokedBy),
    }), 'familyLinks.items'),
  };
}

/** A parent's SNILS on a pupil's card (family/CardSnilsResource.Entry). */
export function readCardSnilsEntry(v) {
  const o = object(v, 'cardSnils');
  return {
    id: required(o.id, 'cardSnils.id'), active: o.active === true, snilsMasked: text(o.snilsMasked), addedAt: optionalText(o.addedAt),
    addedBy: familyActor(o.addedBy), removedAt: optionalText(o.removedAt), removedBy: familyActor(o.removedBy),
    revokedLinks: typeof o.revokedLinks === 'number' ? o.revokedLinks : 0,
  };
}

/** GET staff/people/{id}/parent-snils (family/CardSnilsResource.Card). */
export function readCardSnils(v) {
  const o = object(v, 'cardSnilsCard');
  return { mayChange: o.mayChange === true, items: list(o.items, readCardSnilsEntry, 'cardSnils.items'),
    history: list(o.history, readCardSnilsEntry, 'cardSnils.history') };
}

/** R-FAM-5: the flag of a pupil account an adult's Госуслуги session tried (AccountFlags.Flag). */
export function readAccountFlag(v) {
  const o = object(v, 'flag');
  return { reason: required(o.reason, 'flag.reason'), firstAt: optionalText(o.firstAt), lastAt: optionalText(o.lastAt),
    attempts: number(o.attempts, 'flag.attempts') };
}

/** GET/PUT staff/people/{id}/child-login (ChildLogins.Status, R-FAM-4). */
export function readChildLogin(v) {
  const o = object(v, 'childLogin');
  const state = text(o.state);
  if (!['allowed', 'child_of_age', 'birth_date_unknown'].includes(state)) throw new PayloadError('childLogin.state');
  return { childId: required(o.childId, 'childLogin.childId'), ...names(o), login: text(o.login), created: o.created === true,
    mustChangePassword: o.mustChangePassword === true, state, selfServiceAge: number(o.selfServiceAge, 'childLogin.selfServiceAge') };
}

/** GET staff/people/{id}/family-links/proposals and staff/family-proposals (family/proposals/ProposalResource.Proposals). */
export function readProposals(v) {
  const o = object(v, 'proposals');
  return {
    items: list(o.items, p => ({
      id: required(object(p, 'proposal').id, 'proposal.id'), status: required(p.status, 'proposal.status'), statusLabel: text(p.statusLabel),
      basis: text(p.basis), basisLabel: text(p.basisLabel), kid: p.kid ? names(p.kid) : null, parent: familyPerson(p.parent), child: familyPerson(p.child),
      createdAt: optionalText(p.createdAt), decidedAt: optionalText(p.decidedAt), decidedBy: familyActor(p.decidedBy), reason: optionalText(p.reason),
    }), 'proposals.items'),
  };
}
