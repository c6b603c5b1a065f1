<#--
  Keycloak's error page with a way on (issue 10): where this browser still has its login, «Начать
  вход заново» restarts it (the same client and tab, so the person lands on the login page again);
  otherwise the page says where to start. Stale and expired links are the usual causes.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${kcSanitize(msg("errorTitle"))?no_esc}
    <#elseif section = "form">
        <div id="kc-error-message" class="school-error">
            <p class="instruction">${kcSanitize(message.summary)?no_esc}</p>
            <#if traceId??>
                <p class="instruction" id="traceId">${msg("traceIdSupportMessage", traceId)}</p>
            </#if>
            <#if !skipLink??>
                <#-- The restart address names the login's tab only when this browser's login is known. -->
                <#if client?? && url.loginRestartFlowUrl?contains("tab_id=")>
                    <a id="school-restart-login" href="${url.loginRestartFlowUrl}"
                       class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass} school-restart-login">${msg("schoolRestartLogin")}</a>
                <#else>
                    <p id="school-restart-from-application" class="instruction">${msg("schoolRestartFromApplication")}</p>
                </#if>
                <#if client?? && client.baseUrl?has_content>
                    <p class="school-back-to-application"><a id="backToApplication" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
                </#if>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
