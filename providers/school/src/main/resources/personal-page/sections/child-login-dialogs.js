// A child's login (R-FAM-4), shared by the parent's page («Доступ для учеников до 14 лет») and the
// staff console's card: «Создать логин» (login, password twice) and «Сбросить пароль». The server
// checks everything again (the realm's password policy, a login taken, the child's age); its
// refusal is shown at the field it names. The child changes the password at the next login, so
// whoever set it does not keep the means to use the child's account (R-FAM-5).
// Texts app.childLogin.* (every page loads the app. texts).
import { api, t, h, field, openDialog, descriptions, fullName } from '../../assets/school-app.js';

/**
 * Opens the dialog. kind: 'create' | 'reset'; child: {childId, login, lastName, firstName, middleName};
 * path: the child's login in the API ('me/children/{id}/login' or 'staff/people/{id}/child-login');
 * onDone(status): the child's login as the server now has it.
 */
export function childLoginDialog(kind, child, path, onDone) {
  const create = kind === 'create';
  const inputs = {
    login: create ? h('input', { type: 'text', id: 'child-login-name', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
      maxlength: '40', value: child.login || '' }) : null,
    password: h('input', { type: 'password', id: 'child-login-password', autocomplete: 'new-password' }),
    confirmation: h('input', { type: 'password', id: 'child-login-confirm', autocomplete: 'new-password' }),
  };
  openDialog({
    title: t('app.childLogin.' + kind + '.title'),
    body: [
      h('p', { id: 'child-login-for' }, t('app.childLogin.for', fullName(child))),
      h('form', { class: 'pf-v5-c-form', novalidate: true, id: 'child-login-form', on: { submit: e => e.preventDefault() } },
        create ? field(t('app.childLogin.login'), inputs.login, { helper: t('app.childLogin.loginRule'), required: true }) : null,
        field(t('app.childLogin.password'), inputs.password, { helper: t('app.childLogin.passwordRule'), required: true }),
        field(t('app.childLogin.confirm'), inputs.confirmation, { required: true })),
      h('p', { class: 'pf-v5-c-helper-text', id: 'child-login-change-hint' }, t('app.childLogin.mustChangeHint')),
    ],
    actions: [
      { label: t('app.childLogin.' + kind + '.save'), variant: 'primary', id: 'child-login-save', onClick: async dialog => {
        // A refusal shown before goes at once: what is shown next answers this press.
        dialog.setError(null);
        Object.values(inputs).forEach(i => i && i.removeAttribute('aria-invalid'));
        const invalid = (message, input) => { dialog.setError(message); input.setAttribute('aria-invalid', 'true'); input.focus(); };
        if (inputs.password.value !== inputs.confirmation.value) return invalid(t('app.childLogin.mismatch'), inputs.confirmation);
        const body = { password: inputs.password.value, confirmation: inputs.confirmation.value };
        if (create) body.login = inputs.login.value;
        let status;
        try {
          status = await api(create ? path : path + '/password', { method: create ? 'PUT' : 'POST', body });
        } catch (e) {
          return invalid(e.message, inputs[e.body.field] || inputs.password);
        }
        dialog.close();
        onDone(status);
        done(kind, status);
      } },
      { label: t('app.childLogin.cancel'), variant: 'link', id: 'child-login-cancel' },
    ],
  });
}

/** Done: the login to tell the child, and that the password is changed at the first login. The password is never shown again. */
function done(kind, status) {
  openDialog({
    title: t('app.childLogin.' + kind + '.done'),
    body: [
      descriptions([[t('app.childLogin.login'), h('code', { class: 'school-secret', id: 'child-login-issued' }, status.login)]]),
      h('p', { id: 'child-login-next' }, t('app.childLogin.next')),
    ],
    actions: [{ label: t('app.childLogin.ok'), variant: 'primary', id: 'child-login-ok' }],
  });
}
