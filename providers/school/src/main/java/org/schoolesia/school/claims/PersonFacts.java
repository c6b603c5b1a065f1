package org.schoolesia.school.claims;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.family.FamilyLinks;

/**
 * What the school claims of one person are made of, each part read at most once per request
 * (kept on the Keycloak session): the ID token, access token and userinfo built in one request,
 * and every school mapper of the client, share one read of the children (one indexed query on
 * {@code SCHOOL_FAMILY_LINK}, names joined in) and one of the memberships (Keycloak's organisation
 * provider). Attributes come from the user model Keycloak has loaded anyway.
 */
public final class PersonFacts {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private List<FamilyLinks.NamedChild> children;
    private List<OrganizationModel> memberships;

    private PersonFacts(KeycloakSession session, RealmModel realm, UserModel user) {
        this.session = session;
        this.realm = realm;
        this.user = user;
    }

    static PersonFacts of(KeycloakSession session, RealmModel realm, UserModel user) {
        String key = PersonFacts.class.getName() + "/" + realm.getId() + "/" + user.getId();
        PersonFacts facts = session.getAttribute(key, PersonFacts.class);
        if (facts == null) {
            facts = new PersonFacts(session, realm, user);
            session.setAttribute(key, facts);
        }
        return facts;
    }

    public KeycloakSession session() {
        return session;
    }

    public RealmModel realm() {
        return realm;
    }

    public UserModel user() {
        return user;
    }

    public String attribute(String name) {
        return user.getFirstAttribute(name);
    }

    /** R-FAM-1: the children of active links, oldest link first (revoked links are not read). */
    public List<FamilyLinks.NamedChild> children() {
        if (children == null) {
            children = new FamilyLinks(session).activeChildrenNamed(realm, user.getId());
        }
        return children;
    }

    /**
     * The children as a wider read of another capability found them in this request (the
     * certificate claim's one query has the names too), so {@link #children()} makes no query of
     * its own; ignored when they are read already.
     */
    public void childrenKnown(List<FamilyLinks.NamedChild> known) {
        if (children == null) {
            children = List.copyOf(known);
        }
    }

    /** The organisations the person is a member of; none where the realm has organisations off. */
    public List<OrganizationModel> memberships() {
        if (memberships == null) {
            OrganizationProvider organisations = session.getProvider(OrganizationProvider.class);
            memberships = organisations == null || !organisations.isEnabled() ? List.of()
                    : organisations.getByMember(user).filter(OrganizationModel::isEnabled).toList();
        }
        return memberships;
    }

    /** R-ORG-3: the alias of the organisation that created the account. */
    public String homeAlias() {
        return attribute(SchoolAttributes.HOME_ORGANISATION);
    }

    /** The home organisation among the memberships (no query of its own); empty if the person is no longer its member. */
    public Optional<OrganizationModel> home() {
        String alias = homeAlias();
        return alias == null ? Optional.empty() : memberships().stream().filter(o -> Objects.equals(alias, o.getAlias())).findFirst();
    }
}
