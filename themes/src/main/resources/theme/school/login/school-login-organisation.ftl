<#--
  Password login by organisation (R-ORG-2, seed 000 Рис. 2): Регион → Городской округ /
  Муниципальный район → Населённый пункт → Тип ОО → Образовательная организация, Логин, Пароль,
  Восстановить пароль, Вход с учетной записью портала Госуслуг, Войти.
  Rendered by the school-organisation-password-form step, which puts `schoolOrg` (the selects
  with their options and choices, and the directory as JSON) and `login` into the model.
  Without script every select submits and the server validates; js/school-org-cascade.js
  filters each next select in the browser.
  `schoolLoginOrder` (the step's setting «Login page order»): esia-first puts the Госуслуги role
  choice above the password form (R-ESIA-1: most people come through Госуслуги), password-first
  below it. Each part keeps its own button: «Войти» ends the password form, the role buttons are
  links of their own.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "school-org-cascade.ftl" as cascade>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password','organization') bodyClass="school-org-login"; section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <#assign esiaLoginUrl = "">
        <#if social.providers??><#list social.providers as p><#if p.providerId == "esia" && !esiaLoginUrl?has_content><#assign esiaLoginUrl = p.loginUrl></#if></#list></#if>
        <#assign withEsiaRoles = schoolEsiaRoles?? && esiaLoginUrl?has_content>
        <#assign esiaFirst = (schoolLoginOrder!"esia-first") == "esia-first">
        <div id="kc-form">
          <div id="kc-form-wrapper">
            <#if esiaFirst><@externalLogin/></#if>
            <#if realm.password>
            <#-- Named only when something else comes first, so the parent sees where the other way starts. -->
            <#assign namePasswordPart = esiaFirst && (withEsiaRoles || (social.providers)?has_content)>
            <section id="school-password-login" class="school-password-login"<#if namePasswordPart> aria-labelledby="school-password-title"</#if>>
            <#if namePasswordPart>
                <h2 id="school-password-title" class="school-login-section-title">${msg("schoolPasswordSectionTitle")}</h2>
            </#if>
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

                <#-- «Войти» right under the fields it sends. -->
                <div class="${properties.kcFormGroupClass}">
                    <div class="${properties.kcFormActionGroupClass}">
                        <button id="kc-login" name="login" type="submit"
                                class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass} school-org-login-button">${msg("doLogIn")}</button>
                    </div>
                </div>
            </form>
            </section>

            <@cascade.data/>
            </#if>
            <#if !esiaFirst><@externalLogin/></#if>
          </div>
        </div>
    </#if>
</@layout.registrationLayout>

<#-- Госуслуги with a role (R-ESIA-2), then any other identity provider; outside the password form. -->
<#macro externalLogin>
    <#if withEsiaRoles>
        <#-- The provider keeps school_role with the login. -->
        <section id="school-esia-roles" class="school-esia-roles" role="group" aria-labelledby="school-esia-roles-title">
            <h2 id="school-esia-roles-title" class="school-esia-roles-title school-login-section-title">${msg("schoolEsiaRolesTitle")}</h2>
            <#list schoolEsiaRoles as r>
                <a id="school-esia-role-${r}" href="${esiaLoginUrl}&school_role=${r}" data-once-link
                   class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass} school-esia-role">${msg("schoolEsiaRole." + r)}</a>
            </#list>
        </section>
    </#if>
    <#assign otherProviders = (social.providers![])?filter(p -> !(withEsiaRoles && p.providerId == "esia"))>
    <#if otherProviders?has_content>
        <ul id="kc-social-providers" class="school-org-providers">
            <#list otherProviders as p>
                <li>
                    <a id="social-${p.alias}" class="${properties.kcFormSocialAccountListButtonClass!} school-org-provider"
                       href="${p.loginUrl}" data-once-link data-disabled-class="${properties.kcFormSocialAccountListButtonDisabledClass!}">
                        <span class="${properties.kcFormSocialAccountNameClass!}">${p.displayName!}</span>
                    </a>
                </li>
            </#list>
        </ul>
    </#if>
</#macro>
