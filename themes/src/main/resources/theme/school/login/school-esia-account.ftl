<#--
  After Госуслуги (seeds 002, 003): the pages of the step school-esia-account. `schoolEsia.page` is
  one of role, chooser, unconfirmed, unidentified, link, contact, request, sent, pending;
  `schoolEsia.role` the role chosen at login; `schoolOrg` the organisation cascade on the link page;
  `schoolRequest` the request form (RequestFormView) or the numbers of requests (RequestNumbersView).
  Every form posts to the step, which acts only on the page it showed last.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "school-org-cascade.ftl" as cascade>
<#import "school-request-form.ftl" as request>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password','organization','schoolType','schoolClass','child','comment') bodyClass="school-esia-account school-esia-${schoolEsia.page}"; section>
    <#if section = "header">
        <#-- A rejection (R-REQ-4) is what happened: it heads the page, «Учетная запись не найдена» follows. -->
        <#if schoolEsia.page == "unidentified" && schoolRequestRejected??>
            ${msg("schoolEsiaTitle.rejected", schoolRequestRejected.request.number)}
        <#else>
            ${msg("schoolEsiaTitle." + schoolEsia.page)}
        </#if>
    <#elseif section = "form">
        <div id="school-esia-account" data-page="${schoolEsia.page}">
        <#if schoolEsia.fullName?has_content && schoolEsia.page != "link" && schoolEsia.page != "request">
            <p id="school-esia-person" class="school-esia-person">${msg("schoolEsiaPerson", schoolEsia.fullName)}<#if schoolEsia.role??> · ${msg("schoolEsiaRoleName." + schoolEsia.role)}</#if></p>
        </#if>

        <#if schoolEsia.page == "role">
            <p>${msg("schoolEsiaRoleIntro")}</p>
            <form id="school-esia-form" action="${url.loginAction}" method="post">
                <#list ["parent", "student", "staff"] as r>
                    <button id="school-esia-role-${r}" type="submit" name="role" value="${r}"
                            class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass} school-esia-role">${msg("schoolEsiaRole." + r)}</button>
                </#list>
            </form>

        <#elseif schoolEsia.page == "chooser">
            <p>${msg("schoolEsiaChooserIntro")}</p>
            <form id="school-esia-form" action="${url.loginAction}" method="post">
                <ul class="school-esia-accounts">
                    <#list schoolEsia.accounts as a>
                        <li>
                            <button id="school-esia-account-${a?index}" type="submit" name="account" value="${a.id}"
                                    class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass} school-esia-account-choice">
                                <span class="school-esia-account-org">${a.organisation!""}</span>
                                <span class="school-esia-account-login">${msg("schoolEsiaAccountLogin", a.username)}</span>
                            </button>
                        </li>
                    </#list>
                </ul>
            </form>

        <#elseif schoolEsia.page == "unconfirmed">
            <p>${msg("schoolEsiaUnconfirmedText")}</p>
            <ul class="school-esia-howto">
                <li>${msg("schoolEsiaUnconfirmedOnline")}</li>
                <li>${msg("schoolEsiaUnconfirmedBank")}</li>
                <li>${msg("schoolEsiaUnconfirmedCentre")}</li>
            </ul>
            <p>${msg("schoolEsiaUnconfirmedAfter")}</p>

        <#elseif schoolEsia.page == "unidentified">
            <#if schoolRequestRejected??>
                <div id="school-request-rejected" class="school-request-rejected" data-number="${schoolRequestRejected.request.number}">
                    <p id="school-request-rejected-notice">${msg("schoolRequestRejectedNotice", schoolRequestRejected.request.number, schoolRequestRejected.request.organisation)}</p>
                    <#if schoolRequestRejected.comment?has_content>
                        <#-- The staff comment as typed (escaped, line breaks kept), in a box of its own. -->
                        <div id="school-request-rejected-box" class="school-request-comment">
                            <p class="school-request-comment-label">${msg("schoolRequestRejectedComment")}</p>
                            <p id="school-request-rejected-comment" class="school-request-comment-text">${schoolRequestRejected.comment}</p>
                        </div>
                    </#if>
                    <p>${msg("schoolRequestRejectedAgain")}</p>
                </div>
                <h2 id="school-esia-not-found" class="school-esia-subtitle">${msg("schoolEsiaTitle.unidentified")}</h2>
            </#if>
            <p id="school-esia-unidentified-text">${msg("schoolEsiaUnidentifiedText")}</p>
            <form id="school-esia-form" action="${url.loginAction}" method="post">
                <#if schoolEsia.selfLinkOpen>
                    <p class="school-esia-hint">${msg("schoolEsiaLinkHint")}</p>
                    <button id="school-esia-show-link" type="submit" name="showLink" value="1"
                            class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass}">${msg("schoolEsiaLinkAccount")}</button>
                <#else>
                    <p id="school-esia-self-link-closed" class="school-esia-hint">${msg("schoolEsiaSelfLinkClosedText")}</p>
                </#if>
                <#-- After the cut-off nobody links by login and password: the hint says who links instead (R-LINK-4). -->
                <p id="school-esia-contact-hint" class="school-esia-hint">${msg(schoolEsia.selfLinkOpen?then("schoolEsiaContactHint", "schoolEsiaContactHintClosed"))}</p>
                <button id="school-esia-contact" type="submit" name="contact" value="1"
                        class="<#if schoolEsia.selfLinkOpen>${properties.kcButtonSecondaryClass!}<#else>${properties.kcButtonPrimaryClass}</#if> ${properties.kcButtonBlockClass}">${msg("schoolEsiaContactOrganisation")}</button>
            </form>

        <#elseif schoolEsia.page == "link">
            <#-- Whose Госуслуги account is linked, and that entering the login and password links it (R-LINK-2). -->
            <#if schoolEsia.fullName?has_content>
                <p id="school-esia-link-person" class="school-esia-person">${msg("schoolEsiaLinkPerson", schoolEsia.fullName)}<#if schoolEsia.role??> · ${msg("schoolEsiaRoleName." + schoolEsia.role)}</#if></p>
            </#if>
            <p id="school-esia-link-intro">${msg("schoolEsiaLinkIntro")}</p>
            <form id="school-esia-form" class="${properties.kcFormClass!} school-org-form" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@cascade.selects/>
                <@field.input name="username" label=msg("schoolLoginUsername") error=messagesPerField.getFirstError('username','password')
                    autocomplete="username" value=schoolEsia.username />
                <#-- The refusal is shown once, under the login (as Keycloak's own login page does). -->
                <@field.password name="password" label=msg("schoolLoginPassword") error="" forgotPassword=false autocomplete="current-password"/>
                <p class="school-esia-hint">${msg("schoolEsiaLinkFormHint")}</p>
                <div class="${properties.kcFormGroupClass}">
                    <div class="${properties.kcFormActionGroupClass}">
                        <button id="school-esia-link" name="link" value="1" type="submit"
                                class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass}">${msg("doLogIn")}</button>
                        <button id="school-esia-back" name="back" value="1" type="submit" formnovalidate
                                class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass}">${msg("schoolEsiaBack")}</button>
                    </div>
                </div>
            </form>
            <@cascade.data/>

        <#elseif schoolEsia.page == "contact">
            <#if schoolEsia.role?? && schoolEsia.role == "staff">
                <#-- Staff accounts are linked by the organisation's administrator: no request form. -->
                <p id="school-esia-contact-staff">${msg("schoolEsiaContactText")}</p>
                <p>${msg("schoolEsiaContactCard")}</p>
            <#else>
                <p id="school-esia-contact-request">${msg("schoolEsiaContactRequestText")}</p>
                <p>${msg("schoolEsiaContactRequestProcessed")}</p>
            </#if>
            <form id="school-esia-form" action="${url.loginAction}" method="post">
                <#if !(schoolEsia.role?? && schoolEsia.role == "staff")>
                    <button id="school-esia-continue" type="submit" name="continue" value="1"
                            class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass}">${msg("schoolEsiaContinue")}</button>
                </#if>
                <button id="school-esia-back" type="submit" name="back" value="1"
                        class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass}">${msg("schoolEsiaBack")}</button>
            </form>

        <#elseif schoolEsia.page == "request">
            <@request.form/>

        <#elseif schoolEsia.page == "sent">
            <@request.sent/>

        <#elseif schoolEsia.page == "pending">
            <@request.pending/>
        </#if>

        <#if schoolEsia.page != "request" && schoolEsia.page != "sent" && schoolEsia.page != "pending">
            <p class="school-esia-exit"><a id="school-esia-exit" href="${url.loginRestartFlowUrl}">${msg("schoolEsiaExit")}</a></p>
        </#if>
        </div>
    </#if>
</@layout.registrationLayout>
