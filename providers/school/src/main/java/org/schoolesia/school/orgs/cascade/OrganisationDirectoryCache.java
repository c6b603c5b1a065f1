package org.schoolesia.school.orgs.cascade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.orgs.OrganisationAttributes;

/**
 * The enabled organisations of a realm as the login page shows them, kept briefly per realm: a
 * region's directory is small and changes rarely, while the login page is the busiest page.
 * Only the page uses it; the login itself checks the organisation in the database.
 * Cluster: per node, not invalidated across nodes — each node's copy is at most {@code ttl} old
 * (30 s), as a single node's is; a disabled organisation still listed for those seconds is
 * refused by the login's database check, so nodes differing briefly is safe.
 */
public final class OrganisationDirectoryCache {

    private static final Logger LOG = Logger.getLogger(OrganisationDirectoryCache.class);

    private record Cached(OrganisationDirectory directory, Instant until) {
    }

    private final Map<String, Cached> byRealm = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public OrganisationDirectoryCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public OrganisationDirectory get(KeycloakSession session, RealmModel realm) {
        Instant now = clock.instant();
        Cached cached = byRealm.get(realm.getId());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.directory();
        }
        OrganisationDirectory directory = load(session, realm);
        if (!ttl.isZero()) {
            byRealm.put(realm.getId(), new Cached(directory, now.plus(ttl)));
        }
        return directory;
    }

    static OrganisationDirectory load(KeycloakSession session, RealmModel realm) {
        OrganizationProvider organisations = session.getProvider(OrganizationProvider.class);
        if (organisations == null || !organisations.isEnabled()) {
            LOG.warnf("realm %s: organisations are disabled, the organisation login page has nothing to offer", realm.getName());
            return OrganisationDirectory.EMPTY;
        }
        List<OrganisationEntry> entries = organisations.getAllStream()
                .filter(OrganizationModel::isEnabled)
                .map(OrganisationDirectoryCache::entry)
                .toList();
        OrganisationDirectory directory = OrganisationDirectory.of(entries);
        if (directory.entries().size() < entries.size()) {
            LOG.debugf("realm %s: %d enabled organisations lack region, municipality, settlement or type and are not listed",
                    realm.getName(), entries.size() - directory.entries().size());
        }
        return directory;
    }

    static OrganisationEntry entry(OrganizationModel org) {
        Map<String, List<String>> attributes = org.getAttributes();
        return new OrganisationEntry(org.getAlias(), org.getName(),
                first(attributes, OrganisationAttributes.REGION), first(attributes, OrganisationAttributes.MUNICIPALITY),
                first(attributes, OrganisationAttributes.SETTLEMENT), first(attributes, OrganisationAttributes.TYPE));
    }

    private static String first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes == null ? null : attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
