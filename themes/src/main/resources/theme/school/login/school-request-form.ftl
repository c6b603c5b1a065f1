<#--
  «Обратиться в организацию» (seed 002, рис. 3 and 4; R-REQ-1, R-REQ-2): the pages request, sent and
  pending of school-esia-account.ftl. Needs `schoolRequest`: a RequestFormView (form) or a
  RequestNumbersView (sent, pending). Everything shown is escaped (the theme's HTML auto-escaping);
  only the directory JSON, already safe inside a script element, is not.

  The cascade «Тип организации» → «Организация» → «Класс» works without a script: «Выбрать» posts
  the form and the page comes back with the next level's options. With the script
  (js/school-request-form.js) the selects fill themselves and «Выбрать» is hidden.
-->
<#import "field.ftl" as field>

<#macro select name label options placeholder disabled=false typeLabels=false>
    <#local error = messagesPerField.get(name)>
    <@field.group name=name label=label error=error>
        <span class="${properties.kcInputClass} school-org-select<#if error?has_content> ${properties.kcError}</#if>">
            <select id="${name}" name="${name}" autocomplete="off"<#if disabled> disabled</#if>
                    aria-invalid="<#if error?has_content>true</#if>">
                <option value="">${placeholder}</option>
                <#list options as option>
                    <#if typeLabels>
                        <#local typeKey = "schoolOrgType." + option.value>
                        <#local typeLabel = msg(typeKey)>
                        <#local optionLabel = (typeLabel == typeKey)?then(option.value, typeLabel)>
                    <#else>
                        <#local optionLabel = option.label>
                    </#if>
                    <option value="${option.value}"<#if option.selected> selected</#if>>${optionLabel}</option>
                </#list>
            </select>
            <span class="${properties.kcFormControlUtilClass}">
                <span class="${properties.kcFormControlToggleIcon!}"><i class="fas fa-caret-down" aria-hidden="true"></i></span>
            </span>
        </span>
    </@field.group>
</#macro>

<#macro refresh id>
    <#-- Without a script the next select is filled by the server: this posts the choices so far. -->
    <button id="${id}" type="submit" name="refresh" value="1" formnovalidate
            class="${properties.kcButtonSecondaryClass!} school-request-refresh">${msg("schoolRequestRefresh")}</button>
</#macro>

<#macro form>
    <#local r = schoolRequest>
    <#if r.typeChosen>
        <#local organisationPlaceholder = msg("schoolRequestChoose")>
    <#else>
        <#local organisationPlaceholder = msg("schoolRequestTypeFirst")>
    </#if>
    <#if !r.organisationChosen>
        <#local classPlaceholder = msg("schoolRequestOrganisationFirst")>
    <#elseif r.classes?has_content>
        <#local classPlaceholder = msg("schoolRequestChoose")>
    <#else>
        <#local classPlaceholder = msg("schoolRequestNoClasses")>
    </#if>
    <form id="school-esia-form" class="${properties.kcFormClass!} school-request-form" action="${url.loginAction}" method="post"
          novalidate="novalidate" data-classes-url="${r.classesUrl}"
          data-text-choose="${msg("schoolRequestChoose")}" data-text-type-first="${msg("schoolRequestTypeFirst")}"
          data-text-organisation-first="${msg("schoolRequestOrganisationFirst")}"
          data-text-no-classes="${msg("schoolRequestNoClasses")}" data-text-loading="${msg("schoolRequestLoading")}">
        <#if r.parent && !r.children?has_content>
            <p id="school-request-no-children" class="school-request-warning">${msg("schoolRequestNoChildren")}</p>
        </#if>
        <dl id="school-request-person" class="school-request-facts">
            <div class="school-request-fact">
                <dt>${msg("schoolRequestFullName")}</dt>
                <dd id="school-request-fullname">${r.fullName}</dd>
            </div>
            <div class="school-request-fact">
                <dt>${msg("schoolRequestBirthDate")}</dt>
                <dd id="school-request-birthdate">${r.birthDate}</dd>
            </div>
            <div class="school-request-fact">
                <dt>${msg("schoolRequestEmail")}</dt>
                <dd id="school-request-email"><#if r.email?has_content>${r.email}<#else><span id="school-request-no-email" class="school-request-note">${msg("schoolRequestNoEmail")}</span></#if></dd>
            </div>
            <div class="school-request-fact">
                <dt>${msg("schoolRequestRole")}</dt>
                <dd id="school-request-role">${msg("schoolEsiaRoleName." + r.role)}</dd>
            </div>
        </dl>

        <#if r.parent && r.children?has_content>
            <p id="school-request-children-source" class="school-request-source">${msg("schoolRequestChildrenSource")}</p>
            <#local childError = messagesPerField.get("child")>
            <div class="${properties.kcFormGroupClass}">
                <fieldset id="school-request-children" class="school-request-children"<#if childError?has_content> aria-invalid="true"</#if>>
                    <legend class="${properties.kcFormLabelClass}"><span class="${properties.kcFormLabelTextClass}">${msg("schoolRequestChild")}</span></legend>
                    <#list r.children as c>
                        <div class="pf-v5-c-radio">
                            <input class="pf-v5-c-radio__input" type="radio" id="child-${c?index}" name="child" value="${c.value}"<#if c.selected> checked</#if>/>
                            <label class="pf-v5-c-radio__label" for="child-${c?index}">${c.label}</label>
                        </div>
                    </#list>
                </fieldset>
                <div id="input-error-container-child">
                    <#if childError?has_content>
                        <div class="${properties.kcFormHelperTextClass}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass}">
                                <div class="${properties.kcInputHelperTextItemClass} ${properties.kcError}" id="input-error-child">
                                    <span class="${properties.kcInputErrorMessageClass}">${childError}</span>
                                </div>
                            </div>
                        </div>
                    </#if>
                </div>
            </div>
        </#if>

        <div id="school-request-cascade" class="school-org-cascade school-request-cascade">
            <@select name="schoolType" label=msg("schoolRequestType") options=r.types placeholder=msg("schoolRequestChoose") typeLabels=true/>
            <@refresh id="school-request-refresh-type"/>
            <@select name="organization" label=msg("schoolRequestOrganisation") options=r.organisations
                placeholder=organisationPlaceholder disabled=!r.typeChosen/>
            <@refresh id="school-request-refresh-organisation"/>
            <@select name="schoolClass" label=msg("schoolRequestClass") options=r.classes placeholder=classPlaceholder
                disabled=(!r.organisationChosen || !r.classes?has_content)/>
        </div>

        <#local commentError = messagesPerField.get("comment")>
        <@field.group name="comment" label=msg("schoolRequestComment") error=commentError>
            <span class="${properties.kcInputClass} pf-m-resize-vertical<#if commentError?has_content> ${properties.kcError}</#if>">
                <textarea id="comment" name="comment" rows="4" maxlength="${r.commentMaxLength?c}"
                          aria-describedby="school-request-comment-hint" aria-invalid="<#if commentError?has_content>true</#if>">
${r.comment}</textarea>
            </span>
            <p id="school-request-comment-hint" class="school-request-hint">${msg("schoolRequestCommentHint", r.commentMaxLength?c)}</p>
        </@field.group>

        <p id="school-request-source" class="school-request-source">${msg("schoolRequestSource")}</p>

        <div class="${properties.kcFormGroupClass}">
            <div class="school-request-actions">
                <a id="school-esia-exit" href="${url.loginRestartFlowUrl}"
                   class="${properties.kcButtonSecondaryClass!} school-request-exit">${msg("schoolEsiaExit")}</a>
                <#if r.maySend>
                    <button id="school-request-send" type="submit" name="send" value="1"
                            class="${properties.kcButtonPrimaryClass}">${msg("schoolRequestSend")}</button>
                </#if>
            </div>
        </div>
    </form>
    <script type="application/json" id="school-request-directory">${r.directoryJson?no_esc}</script>
    <script src="${url.resourcesPath}/js/school-request-form.js" defer></script>
</#macro>

<#macro sent>
    <#local q = schoolRequest.request>
    <div id="school-request-sent" class="school-request-sent" data-number="${q.number}" data-created="${schoolRequest.created?c}">
        <#if schoolRequest.created>
            <p id="school-request-created" class="school-request-success">${msg("schoolRequestCreated")}</p>
            <p>${msg("schoolRequestNumber")} <strong id="school-request-number" class="school-request-number">${q.number}</strong></p>
        <#else>
            <p id="school-request-already" class="school-request-success">${msg("schoolRequestAlready")}</p>
            <p>${msg("schoolRequestNumberIs")} <strong id="school-request-number" class="school-request-number">${q.number}</strong></p>
        </#if>
        <#if q.organisation?has_content>
            <p class="school-request-org">${msg("schoolRequestOrganisationIs", q.organisation)}</p>
        </#if>
        <p id="school-request-wait">${msg("schoolRequestWait")}</p>
    </div>
    <p class="school-request-actions">
        <a id="school-esia-exit" href="${url.loginRestartFlowUrl}"
           class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass}">${msg("schoolEsiaExit")}</a>
    </p>
</#macro>

<#macro pending>
    <ul id="school-request-pending" class="school-request-numbers">
        <#list schoolRequest.requests as q>
            <li class="school-request-pending-item" data-number="${q.number}">
                <span class="school-request-pending-number">${msg("schoolRequestPending", q.number)}</span>
                <#if q.organisation?has_content><span class="school-request-org">${q.organisation}</span></#if>
            </li>
        </#list>
    </ul>
    <p id="school-request-wait">${msg("schoolRequestWait")}</p>
    <form id="school-esia-form" action="${url.loginAction}" method="post">
        <a id="school-esia-exit" href="${url.loginRestartFlowUrl}"
           class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass}">${msg("schoolEsiaExit")}</a>
        <button id="school-request-another" type="submit" name="another" value="1"
                class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass}">${msg("schoolRequestAnother")}</button>
        <#-- Waiting for staff does not take away linking by password while it is allowed (R-LINK-2). -->
        <#if schoolEsia.selfLinkOpen>
            <button id="school-esia-show-link" type="submit" name="showLink" value="1"
                    class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass}">${msg("schoolEsiaLinkAccount")}</button>
        </#if>
    </form>
</#macro>
