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
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password','organization') bodyClass="school-org-login"; section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <div id="kc-form">
          <div id="kc-form-wrapper">
            <#if realm.password>
            <form id="kc-form-login" class="${properties.kcFormClass!} school-org-form" action="${url.loginAction}" method="post" novalidate="novalidate">
                <div id="school-org-cascade" class="school-org-cascade">
                    <#list schoolOrg.levels as level>
                        <#assign levelError = (level.name == "organisation")?then(messagesPerField.get('organization'), '')>
                        <@field.group name=level.field label=msg("schoolOrgLevel." + level.name) error=levelError>
                            <span class="${properties.kcInputClass} school-org-select<#if levelError?has_content> ${properties.kcError}</#if>">
                                <select id="${level.field}" name="${level.field}" data-level="${level?index}"
                                        <#if level.name == "organisation">autocomplete="organization"<#else>autocomplete="off"</#if>
                                        aria-invalid="<#if levelError?has_content>true</#if>">
                                    <option value="">${msg("schoolOrgChoose")}</option>
                                    <#list level.options as option>
                                        <#if level.name == "type">
                                            <#assign typeKey = "schoolOrgType." + option.value>
                                            <#assign typeLabel = msg(typeKey)>
                                            <#assign optionLabel = (typeLabel == typeKey)?then(option.value, typeLabel)>
                                        <#else>
                                            <#assign optionLabel = option.label>
                                        </#if>
                                        <option value="${option.value}"<#if option.value == level.selected> selected</#if>>${optionLabel}</option>
                                    </#list>
                                </select>
                                <span class="${properties.kcFormControlUtilClass}">
                                    <span class="${properties.kcFormControlToggleIcon!}"><i class="fas fa-caret-down" aria-hidden="true"></i></span>
                                </span>
                            </span>
                        </@field.group>
                    </#list>
                </div>

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

                <#-- Seed order: the Госуслуги button comes before «Войти». -->
                <#if social.providers?? && social.providers?has_content>
                    <ul id="kc-social-providers" class="school-org-providers">
                        <#list social.providers as p>
                            <li>
                                <a id="social-${p.alias}" class="${properties.kcFormSocialAccountListButtonClass!} school-org-provider"
                                   href="${p.loginUrl}" data-once-link data-disabled-class="${properties.kcFormSocialAccountListButtonDisabledClass!}">
                                    <span class="${properties.kcFormSocialAccountNameClass!}">${p.displayName!}</span>
                                </a>
                            </li>
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

            <#-- Labels of the organisation types, and the directory, for the script. -->
            <div id="school-org-type-labels" hidden>
                <#list schoolOrg.typeCodes as code>
                    <#assign typeKey = "schoolOrgType." + code>
                    <#assign typeLabel = msg(typeKey)>
                    <span data-code="${code}">${(typeLabel == typeKey)?then(code, typeLabel)}</span>
                </#list>
            </div>
            <script type="application/json" id="school-org-directory">${schoolOrg.directoryJson?no_esc}</script>
            <script src="${url.resourcesPath}/js/school-org-cascade.js" defer></script>
            </#if>
          </div>
        </div>
    </#if>
</@layout.registrationLayout>
