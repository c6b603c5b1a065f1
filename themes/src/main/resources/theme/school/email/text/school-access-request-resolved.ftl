<#ftl output_format="plainText">
${msg("schoolAccessRequestReviewed", number)}

<#if comment?has_content>
${msg("schoolAccessRequestResolvedComment", comment)}
<#else>
${msg("schoolAccessRequestResolvedNoComment")}
</#if>

${msg("schoolAccessRequestResolvedCanLogIn")}
<#if organization?has_content>

${msg("schoolAccessRequestOrganization", organization)}
</#if>
