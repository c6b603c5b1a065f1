<#ftl output_format="plainText">
${msg("schoolAccessRequestReviewed", number)}

<#if comment?has_content>
${msg("schoolAccessRequestRejectedComment", comment)}
<#else>
${msg("schoolAccessRequestRejectedNoComment")}
</#if>
<#if organization?has_content>

${msg("schoolAccessRequestOrganization", organization)}
</#if>
