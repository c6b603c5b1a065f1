<#--
  The organisation cascade (R-ORG-2): Регион → Городской округ / Муниципальный район → Населённый
  пункт → Тип ОО → Образовательная организация. Needs `schoolOrg` (OrganisationCascadeView) in the
  model. Used by the password login and by «Привязать учетную запись» (R-LINK-2). Under each select:
  `<field>-auto` when the level's only option was chosen automatically, `<field>-chosen` with the
  chosen name in full when the select cannot show all of it.
-->
<#import "field.ftl" as field>
<#macro selects>
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
                <#-- A long name does not fit a 390 px select: the script shows the chosen one in full
                     when the select cuts it; without script the organisation's is always shown. -->
                <p id="${level.field}-chosen" class="school-org-chosen" aria-hidden="true"<#if !(level.name == "organisation" && level.selected?has_content)> hidden</#if>>${level.selectedLabel}</p>
                <#-- R-ORG-2: a level with a single option is chosen for the person, and the page says so. -->
                <p id="${level.field}-auto" class="school-org-auto"<#if !level.automatic> hidden</#if>>${msg("schoolOrgAutomatic")}</p>
            </@field.group>
        </#list>
    </div>
</#macro>

<#macro data>
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
</#macro>
