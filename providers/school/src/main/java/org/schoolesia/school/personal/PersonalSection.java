package org.schoolesia.school.personal;

import java.util.Optional;

import org.keycloak.provider.Provider;

/**
 * One section of the person's own page «Персональные настройки» and of {@code GET /me}: the
 * extension point through which capabilities put the caller's own data on the page (SPI
 * {@value PersonalSectionSpi#NAME}). Today: «Госуслуги» ({@code esia}, 10), «Мои обращения»
 * ({@code requests}, 20), «Мои организации» ({@code organisations}, 30); next «Мои дети»
 * ({@code children}, issue 12) and «Сертификат дополнительного образования» ({@code certificate},
 * issue 13).
 *
 * <p>A section reads only what belongs to {@link Me#user()}, from the database; it never shows a
 * SNILS or a birth date in clear. The page renders a section by its id with an ES module of the
 * same name ({@code personal-page/sections/<id>.js}); a section the page does not know yet is
 * skipped there, so the server may ship a section before the page does.
 */
public interface PersonalSection extends Provider {

    /** Stable id: the JSON {@code id} and the page's module name; letters, digits and dashes. */
    String id();

    /** Place on the page, ascending; leave gaps of ten (not {@code order()}: Keycloak's factories use that name). */
    int place();

    /** Message key of the heading (prefix {@code personal.}), from the realm's theme messages. */
    String titleKey();

    /** The caller's data for this section, a JSON-writable record; empty: the section does not apply to this person. */
    Optional<Object> content(Me me);

    @Override
    default void close() {
    }
}
