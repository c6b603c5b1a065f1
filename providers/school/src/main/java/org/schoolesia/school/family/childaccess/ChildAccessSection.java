package org.schoolesia.school.family.childaccess;

import java.util.List;
import java.util.Optional;

import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.personal.Me;
import org.schoolesia.school.personal.StatelessSection;

/**
 * «Доступ для учеников до 14 лет» on a parent's own page (R-FAM-4): the parent's linked pupils, each
 * with its login and whether the parent may create it or reset the password — or why not (14 or
 * older, birth date unknown). Parents only; others never see the section.
 */
public final class ChildAccessSection extends StatelessSection {

    public static final String ID = "child-access";

    public record Data(int selfServiceAge, List<ChildLogins.Status> items) {
    }

    public ChildAccessSection() {
        super(ID, 45, "personal.childAccess.title");
    }

    @Override
    public Optional<Object> content(Me me) {
        if (!People.hasRole(me.user(), SchoolRole.PARENT)) {
            return Optional.empty();
        }
        return Optional.of(new Data(AgeSettings.selfServiceAge(me.realm()), new ChildLogins(me.session(), me.realm()).childrenOf(me.user())));
    }
}
