package org.schoolesia.school.orgs.cascade;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.schoolesia.school.orgs.OrganisationType;

/**
 * The organisations a password login can choose from, and the cascade over them (R-ORG-2).
 * Pure: built from {@link OrganisationEntry}s, no Keycloak. The page's script applies the same
 * rules in the browser; {@link #resolve} is what the server renders and re-renders.
 *
 * <p>Each level offers the distinct values of the organisations that match every level chosen
 * above it (an open level does not filter), so without a script the organisation select still
 * lists every organisation. A level with exactly one option is chosen automatically.
 */
public final class OrganisationDirectory {

    public static final OrganisationDirectory EMPTY = new OrganisationDirectory(List.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<OrganisationEntry> entries;
    private final Map<String, OrganisationEntry> byAlias = new LinkedHashMap<>();

    private OrganisationDirectory(List<OrganisationEntry> entries) {
        this.entries = List.copyOf(entries);
        this.entries.forEach(e -> byAlias.put(e.alias(), e));
    }

    /**
     * Keeps the organisations the cascade can place: an alias, a name, region, municipality,
     * settlement and type. Types given by their Russian label are stored by code.
     */
    public static OrganisationDirectory of(Collection<OrganisationEntry> candidates) {
        Collator collator = Collator.getInstance(Locale.forLanguageTag("ru"));
        List<OrganisationEntry> kept = new ArrayList<>();
        Set<String> aliases = new LinkedHashSet<>();
        for (OrganisationEntry e : candidates) {
            if (!isPlaceable(e) || !aliases.add(e.alias())) {
                continue;
            }
            String type = OrganisationType.of(e.type()).map(OrganisationType::code).orElse(e.type());
            kept.add(new OrganisationEntry(e.alias(), e.name(), e.region(), e.municipality(), e.settlement(), type));
        }
        kept.sort(Comparator.<OrganisationEntry, String>comparing(OrganisationEntry::region, collator)
                .thenComparing(OrganisationEntry::municipality, collator)
                .thenComparing(OrganisationEntry::settlement, collator)
                .thenComparing(e -> typeOrder(e.type()))
                .thenComparing(OrganisationEntry::name, collator));
        return new OrganisationDirectory(kept);
    }

    /** Whether an organisation has everything the cascade needs to show it. */
    public static boolean isPlaceable(OrganisationEntry e) {
        return !e.alias().isEmpty() && !e.name().isEmpty() && !e.region().isEmpty() && !e.municipality().isEmpty()
                && !e.settlement().isEmpty() && !e.type().isEmpty();
    }

    public List<OrganisationEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<OrganisationEntry> find(String alias) {
        return alias == null ? Optional.empty() : Optional.ofNullable(byAlias.get(alias.trim()));
    }

    /** The values a level offers, given what is chosen above it; organisations by alias, in name order. */
    public List<String> options(CascadeLevel level, CascadeSelection selection) {
        Set<String> values = new LinkedHashSet<>();
        for (OrganisationEntry e : matching(level, selection)) {
            values.add(e.at(level));
        }
        List<String> sorted = new ArrayList<>(values);
        Collator collator = Collator.getInstance(Locale.forLanguageTag("ru"));
        switch (level) {
            case TYPE -> sorted.sort(Comparator.comparingInt(OrganisationDirectory::typeOrder));
            case ORGANISATION -> sorted.sort(Comparator.comparing(a -> byAlias.get(a).name(), collator));
            default -> sorted.sort(collator);
        }
        return sorted;
    }

    /** The organisations the last select offers, given what is chosen above it. */
    public List<OrganisationEntry> organisations(CascadeSelection selection) {
        return options(CascadeLevel.ORGANISATION, selection).stream().map(byAlias::get).toList();
    }

    /**
     * What the page shows: a known organisation that agrees with the levels chosen above it fixes
     * every level (a remembered choice, a form sent without script); otherwise each level keeps a
     * still-possible choice, takes its only option, or stays open.
     */
    public CascadeSelection resolve(CascadeSelection requested) {
        Optional<OrganisationEntry> chosen = find(requested.organisation());
        if (chosen.isPresent() && agrees(chosen.get(), requested)) {
            return CascadeSelection.of(chosen.get());
        }
        CascadeSelection resolved = CascadeSelection.NONE;
        for (CascadeLevel level : CascadeLevel.values()) {
            List<String> options = options(level, resolved);
            String wanted = requested.get(level);
            if (!wanted.isEmpty() && options.contains(wanted)) {
                resolved = resolved.with(level, wanted);
            } else if (options.size() == 1) {
                resolved = resolved.with(level, options.get(0));
            }
        }
        return find(resolved.organisation()).map(CascadeSelection::of).orElse(resolved);
    }

    /**
     * The directory for the page's script: {@code {"orgs":[{"a":alias,"n":name,"v":[region,
     * municipality, settlement, type]}]}}. Safe inside a script element: '<' is escaped.
     */
    public String toJson() {
        List<Map<String, Object>> orgs = new ArrayList<>();
        for (OrganisationEntry e : entries) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("a", e.alias());
            o.put("n", e.name());
            o.put("v", List.of(e.region(), e.municipality(), e.settlement(), e.type()));
            orgs.add(o);
        }
        try {
            // '<' only occurs inside JSON strings, where \u003c means the same.
            return JSON.writeValueAsString(Map.of("orgs", orgs)).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Type codes in the directory, in {@link OrganisationType} order: the labels the page needs. */
    public List<String> typeCodes() {
        Set<String> codes = new LinkedHashSet<>();
        entries.forEach(e -> codes.add(e.type()));
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(Comparator.comparingInt(OrganisationDirectory::typeOrder));
        return sorted;
    }

    private List<OrganisationEntry> matching(CascadeLevel level, CascadeSelection selection) {
        List<OrganisationEntry> result = new ArrayList<>();
        for (OrganisationEntry e : entries) {
            if (matchesAbove(e, level, selection)) {
                result.add(e);
            }
        }
        return result;
    }

    private static boolean matchesAbove(OrganisationEntry e, CascadeLevel level, CascadeSelection selection) {
        for (CascadeLevel above : CascadeLevel.values()) {
            if (above.ordinal() >= level.ordinal()) {
                return true;
            }
            if (selection.isChosen(above) && !selection.get(above).equals(e.at(above))) {
                return false;
            }
        }
        return true;
    }

    private static boolean agrees(OrganisationEntry e, CascadeSelection selection) {
        return matchesAbove(e, CascadeLevel.ORGANISATION, selection);
    }

    private static int typeOrder(String code) {
        return OrganisationType.of(code).map(Enum::ordinal).orElse(OrganisationType.values().length);
    }
}
