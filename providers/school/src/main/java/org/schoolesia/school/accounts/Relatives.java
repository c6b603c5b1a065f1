package org.schoolesia.school.accounts;

import java.util.List;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Parent–child links as the accounts capability needs them (R-FAM-1): the card's parents and
 * children, enrolling a child with its parents, accounts created together. The family capability
 * holds the links; the composition root hands its implementation in, so accounts imports no family.
 */
public interface Relatives {

    /** The child's parents by active links only: a revoked link shows nowhere, from the next call on. */
    List<UserModel> parentsOf(RealmModel realm, UserModel child);

    /** The parent's children by active links only. */
    List<UserModel> childrenOf(RealmModel realm, UserModel parent);

    /** Staff created the child together with this parent (quick entry, import): the link, in the caller's transaction. */
    void createdTogether(RealmModel realm, UserModel parent, UserModel child, String staffId);
}
