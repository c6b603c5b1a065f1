package org.schoolesia.school.web;

import java.io.IOException;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * A provider's name and help text in the admin console's language. Keycloak 26.7's console shows
 * {@code getDisplayType()} and {@code getHelpText()} exactly as {@code GET /admin/serverinfo} gives
 * them (its forms translate config labels, never these), and serverinfo asks the provider without a
 * locale. So the provider answers in the language Keycloak resolves for the admin making the call —
 * the same rule as the console's own whoami ({@code resolveLocale} of the token's user: their
 * «locale», then cookie, Accept-Language, the realm's default) — from the admin theme's messages,
 * which include our jar's theme-resources. English (the given text) outside a request, for English,
 * or when no text is found.
 */
public final class AdminTexts {

    private static final Logger LOG = Logger.getLogger(AdminTexts.class);

    private AdminTexts() {
    }

    public static String text(String key, String english) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null || session.getContext() == null || session.getContext().getRealm() == null) {
            return english;
        }
        try {
            KeycloakContext context = session.getContext();
            Locale locale = context.resolveLocale(context.getUser());
            if (locale == null || Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
                return english;
            }
            String text = session.theme().getTheme(Theme.Type.ADMIN).getEnhancedMessages(context.getRealm(), locale).getProperty(key);
            return text == null || text.isBlank() ? english : text;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("admin text %s: %s", key, e.getMessage());
            return english;
        }
    }
}
