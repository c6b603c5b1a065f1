<#import "template.ftl" as layout>
<@layout.emailLayout>
<#-- R-REQ-4. Messages are plain text: ${} escapes them and the staff comment in them (never kcSanitize/no_esc here). -->
<p>${msg("schoolAccessRequestReviewed", number)}</p>
<#if comment?has_content>
<p style="white-space: pre-line">${msg("schoolAccessRequestRejectedComment", comment)}</p>
<#else>
<p>${msg("schoolAccessRequestRejectedNoComment")}</p>
</#if>
<#if organization?has_content>
<p>${msg("schoolAccessRequestOrganization", organization)}</p>
</#if>
</@layout.emailLayout>
