package org.schoolesia.school.orgs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Writes a validated directory into Keycloak's own Organizations (R-ORG-1): one organisation per
 * alias, our attributes on it, classes and groups as organisation groups. Idempotent: a second run
 * of the same file changes nothing. Other attributes, groups, members and identity providers an
 * admin added in the console are left alone; groups are only ever added, never removed.
 */
public final class OrganisationDirectory {

    private final OrganizationProvider organisations;

    public OrganisationDirectory(KeycloakSession session) {
        this.organisations = session.getProvider(OrganizationProvider.class);
    }

    public boolean enabled() {
        return organisations != null && organisations.isEnabled();
    }

    /** Names Keycloak keeps unique: a row may not take a name another organisation (other alias) holds. */
    public List<RowProblem> conflicts(List<OrganisationEntry> entries) {
        List<RowProblem> problems = new ArrayList<>();
        for (OrganisationEntry entry : entries) {
            organisations.getAllStream(entry.name(), true, 0, 5)
                    .filter(o -> entry.name().equals(o.getName()) && !entry.alias().equals(o.getAlias()))
                    .findFirst()
                    .ifPresent(o -> problems.add(new RowProblem(entry.row(),
                            "name '" + entry.name() + "' is already used by the organisation with alias '" + o.getAlias() + "'")));
        }
        return problems;
    }

    public ImportResult apply(List<OrganisationEntry> entries) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (OrganisationEntry entry : entries) {
            OrganizationModel organisation = organisations.getByAlias(entry.alias());
            boolean isNew = organisation == null;
            if (isNew) {
                organisation = organisations.create(entry.name(), entry.alias());
            }
            boolean changed = update(organisation, entry);
            if (isNew) {
                created++;
            } else if (changed) {
                updated++;
            } else {
                unchanged++;
            }
        }
        return new ImportResult(created, updated, unchanged);
    }

    private boolean update(OrganizationModel organisation, OrganisationEntry entry) {
        boolean changed = false;
        if (!entry.name().equals(organisation.getName())) {
            organisation.setName(entry.name());
            changed = true;
        }
        // The admin console shows the description: the full legal name is what belongs there.
        if (!entry.fullName().equals(organisation.getDescription())) {
            organisation.setDescription(entry.fullName());
            changed = true;
        }
        if (organisation.isEnabled() != entry.enabled()) {
            organisation.setEnabled(entry.enabled());
            changed = true;
        }
        Map<String, List<String>> current = organisation.getAttributes() == null ? Map.of() : organisation.getAttributes();
        Map<String, List<String>> wanted = entry.attributes();
        boolean attributesDiffer = wanted.entrySet().stream().anyMatch(e -> !Objects.equals(e.getValue(), current.get(e.getKey())));
        if (attributesDiffer) {
            Map<String, List<String>> merged = new HashMap<>();
            current.forEach((k, v) -> merged.put(k, List.copyOf(v)));
            merged.putAll(wanted);
            organisation.setAttributes(merged);
            changed = true;
        }
        Set<String> groups = organisations.getTopLevelGroups(organisation, null, null).map(GroupModel::getName).collect(Collectors.toSet());
        for (String name : entry.classes()) {
            if (!groups.contains(name)) {
                organisations.createGroup(organisation, name, null);
                changed = true;
            }
        }
        return changed;
    }
}
