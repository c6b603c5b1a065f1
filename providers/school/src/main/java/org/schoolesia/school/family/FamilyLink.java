package org.schoolesia.school.family;

import org.schoolesia.school.kernel.PureRule;

/**
 * A parent–child link as read from its row (R-FAM-1). {@code createdAt} is null for links brought
 * over from the {@code parentIds} attribute; {@code revokedAt} null while the link is active.
 */
@PureRule
public record FamilyLink(String id, String parentId, String childId, LinkKind kind, LinkSource source, String createdBy,
                         Long createdAt, Long revokedAt, String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }
}
