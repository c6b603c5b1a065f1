package org.schoolesia.school.web;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Texts for REST callers in the caller's language: Russian unless Accept-Language prefers English.
 * They come from the realm's login theme, which includes our jar's theme-resources messages and
 * Keycloak's own (password-policy texts), plus the realm's overrides.
 */
public final class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class);
    static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final KeycloakSession session;
    private final Locale locale;
    private Properties texts;

    public Messages(KeycloakSession session, HttpHeaders headers) {
        this.session = session;
        this.locale = choose(headers == null ? List.of() : headers.getAcceptableLanguages());
    }

    /** Loaded at the first text: merging the theme's and the realm's messages is most of a small answer's cost, and many answers need none. */
    private Properties texts() {
        if (texts == null) {
            Properties loaded = new Properties();
            try {
                Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
                loaded = theme.getEnhancedMessages(session.getContext().getRealm(), locale);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("messages for %s could not be loaded: %s", locale, e.getMessage());
            }
            texts = loaded;
        }
        return texts;
    }

    /** The first of ru/en the caller accepts, in the caller's order; Russian otherwise. */
    static Locale choose(List<Locale> acceptable) {
        for (Locale l : acceptable) {
            if ("en".equalsIgnoreCase(l.getLanguage())) {
                return Locale.ENGLISH;
            }
            if ("ru".equalsIgnoreCase(l.getLanguage())) {
                return RUSSIAN;
            }
        }
        return RUSSIAN;
    }

    public Locale locale() {
        return locale;
    }

    public String text(String key, Object... parameters) {
        String pattern = texts().getProperty(key);
        if (pattern == null) {
            return key;
        }
        try {
            return parameters.length == 0 ? pattern : new MessageFormat(pattern, locale).format(parameters);
        } catch (IllegalArgumentException e) {
            return pattern;
        }
    }
}
