<#--
  Password login by organisation (R-ORG-2, seed 000 Рис. 2): Регион → Городской округ /
  Муниципальный район → Населённый пункт → Тип ОО → Образовательная организация, Логин, Пароль,
  Восстановить пароль, Вход с учетной записью портала Госуслуг, Войти.
  Rendered by the school-organisation-password-form step, which puts `schoolOrg` (the selects
  with their options and choices, and the directory as JSON) and `login` into the model.
  Without script every select submits and the server validates; js/school-org-cascade.js
  filters each next select in the browser.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "school-org-cascade.ftl" as cascade>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password','organization') bodyClass="school-org-login"; section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <div id="kc-form">
          <div id="kc-form-wrapper">
            <#if realm.password>
            <form id="kc-form-login" class="${properties.kcFormClass!} school-org-form" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@cascade.selects/>

                <#if !usernameHidden??>
                    <@field.input name="username" label=msg("schoolLoginUsername") error=messagesPerField.getFirstError('username','password')
                        autocomplete="username" value=login.username!'' />
                </#if>
                <@field.password name="password" label=msg("schoolLoginPassword") error=(usernameHidden??)?then(messagesPerField.getFirstError('username','password'), '')
                    forgotPassword=false autofocus=usernameHidden?? autocomplete="current-password">
                    <#if realm.rememberMe && !usernameHidden??>
                        <@field.checkbox name="rememberMe" label=msg("rememberMe") value=login.rememberMe?? />
                    </#if>
                    <#if realm.resetPasswordAllowed>
                        <div class="${properties.kcInputHelperTextItemClass}">
                            <span class="${properties.kcInputHelperTextItemTextClass}">
                                <a id="school-restore-password" href="${url.loginResetCredentialsUrl}">${msg("schoolRestorePassword")}</a>
                            </span>
                        </div>
                    </#if>
                </@field.password>

                <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>

                <#-- Seed order: the Госуслуги buttons come before «Войти». -->
                <#assign esiaLoginUrl = "">
                <#if social.providers??><#list social.providers as p><#if p.providerId == "esia" && !esiaLoginUrl?has_content><#assign esiaLoginUrl = p.loginUrl></#if></#list></#if>
                <#if schoolEsiaRoles?? && esiaLoginUrl?has_content>
                    <#-- R-ESIA-2: the role first, then Госуслуги; the provider keeps school_role with the login. -->
                    <div id="school-esia-roles" class="school-esia-roles" role="group" aria-labelledby="school-esia-roles-title">
                        <p id="school-esia-roles-title" class="school-esia-roles-title">${msg("schoolEsiaRolesTitle")}</p>
                        <#list schoolEsiaRoles as r>
                            <a id="school-esia-role-${r}" href="${esiaLoginUrl}&school_role=${r}" data-once-link
                               class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass} school-esia-role">${msg("schoolEsiaRole." + r)}</a>
                        </#list>
                    </div>
                </#if>
                <#if social.providers?? && social.providers?has_content>
                    <ul id="kc-social-providers" class="school-org-providers">
                        <#list social.providers as p>
                            <#if !(schoolEsiaRoles?? && p.providerId == "esia")>
                            <li>
                                <a id="social-${p.alias}" class="${properties.kcFormSocialAccountListButtonClass!} school-org-provider"
                                   href="${p.loginUrl}" data-once-link data-disabled-class="${properties.kcFormSocialAccountListButtonDisabledClass!}">
                                    <span class="${properties.kcFormSocialAccountNameClass!}">${p.displayName!}</span>
                                </a>
                            </li>
                            </#if>
                        </#list>
                    </ul>
                </#if>

                <div class="${properties.kcFormGroupClass}">
                    <div class="${properties.kcFormActionGroupClass}">
                        <button id="kc-login" name="login" type="submit"
                                class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass} school-org-login-button">${msg("doLogIn")}</button>
                    </div>
                </div>
            </form>

            <@cascade.data/>
            </#if>
          </div>
        </div>
    </#if>
</@layout.registrationLayout>
