<#--
  "Page has expired" (back button, a second tab, a form sent twice): say what happened in plain
  words and offer the two real ways on, the restart first (issue 10).
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("schoolPageExpiredTitle")}
    <#elseif section = "form">
        <div id="school-page-expired" class="school-error">
            <p id="instruction1" class="instruction">${msg("schoolPageExpiredText")}</p>
            <a id="school-restart-login" href="${url.loginRestartFlowUrl}"
               class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass} school-restart-login">${msg("schoolRestartLogin")}</a>
            <p class="school-continue-login">
                <a id="loginContinueLink" href="${url.loginAction}">${msg("schoolContinueLogin")}</a>
            </p>
        </div>
    </#if>
</@layout.registrationLayout>
