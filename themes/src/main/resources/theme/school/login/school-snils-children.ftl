<#--
  R-FAM-3 (seed 004): after a Госуслуги login the step school-family-snils-children linked the
  children whose cards hold the parent's SNILS; this page tells the parent once. `schoolSnilsChildren`:
  [{name, organisation}].
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false bodyClass="school-snils-children"; section>
    <#if section = "header">
        ${msg("schoolSnilsChildrenTitle")}
    <#elseif section = "form">
        <div id="school-snils-children-page">
            <p id="school-snils-children-text">${msg("schoolSnilsChildrenText")}</p>
            <ul id="school-snils-children" class="school-snils-children-list">
                <#list schoolSnilsChildren as child>
                    <li class="school-snils-child"><span class="school-snils-child-name">${child.name}</span><#if child.organisation?has_content> · <span class="school-snils-child-org">${child.organisation}</span></#if></li>
                </#list>
            </ul>
            <p id="school-snils-children-hint">${msg("schoolSnilsChildrenHint")}</p>
            <form id="school-snils-children-form" action="${url.loginAction}" method="post">
                <button id="school-snils-children-continue" type="submit" name="continue" value="continue"
                        class="${properties.kcButtonPrimaryClass} ${properties.kcButtonBlockClass}">${msg("schoolSnilsChildrenContinue")}</button>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
