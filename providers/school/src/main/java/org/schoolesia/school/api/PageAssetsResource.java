package org.schoolesia.school.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.locale.LocaleUpdaterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;
import org.schoolesia.school.web.Answers;

/**
 * What every page shares, under {@code /realms/{realm}/school/assets/}: our ES modules and
 * {@code keycloak.js} (unpacked from Maven Central's {@code keycloak-js-adapter-jar} at build
 * time) from the classpath folder {@code page-assets/}; PatternFly 5 from Keycloak's own common
 * theme ({@code patternfly/…}, same origin so the pages' CSP stays {@code 'self'}); and the
 * pages' texts ({@code messages}) from the realm's message bundles.
 */
public class PageAssetsResource {

    private static final Logger LOG = Logger.getLogger(PageAssetsResource.class);

    static final String FOLDER = "page-assets/";
    /** Keycloak's common theme folder holding PatternFly 5 as shipped with the server. */
    static final String PATTERNFLY = "vendor/patternfly-v5/";
    /** Texts of {@code school-app.js} itself, always sent along with the page's own prefixes. */
    static final String SHARED_PREFIX = "app.";
    private static final Pattern PREFIX = Pattern.compile("[a-z][A-Za-z0-9]{0,30}\\.");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private final KeycloakSession session;

    PageAssetsResource(KeycloakSession session) {
        this.session = session;
    }

    /** One language's texts with these prefixes: {@code {locale, locales:[{tag,label}], messages:{key:text}}}. */
    public record Texts(String locale, List<Language> locales, Map<String, String> messages) {
    }

    public record Language(String tag, String label) {
    }

    /**
     * The page's texts. Without {@code lang} the language is Keycloak's own choice for this browser
     * (its locale cookie, Accept-Language, the realm default); {@code remember=true} also makes the
     * given language Keycloak's choice (its locale cookie), so the login pages follow the switch.
     */
    @GET
    @Path("messages")
    public Response messages(@QueryParam("lang") String lang, @QueryParam("prefix") List<String> prefixes,
                             @QueryParam("remember") boolean remember) {
        RealmModel realm = session.getContext().getRealm();
        List<String> supported = supportedLocales(realm);
        String chosen = lang != null && LANGUAGE.matcher(lang).matches() && supported.contains(lang) ? lang : null;
        if (chosen != null && remember) {
            LocaleUpdaterProvider updater = session.getProvider(LocaleUpdaterProvider.class);
            if (updater != null) {
                updater.updateLocaleCookie(chosen);
            }
        }
        if (chosen == null) {
            String keycloakChoice = session.getContext().resolveLocale(null).toLanguageTag();
            chosen = supported.contains(keycloakChoice) ? keycloakChoice : supported.get(0);
        }
        List<String> wanted = new ArrayList<>(List.of(SHARED_PREFIX));
        for (String p : prefixes == null ? List.<String>of() : prefixes) {
            if (p != null && PREFIX.matcher(p).matches() && !wanted.contains(p) && wanted.size() < 6) {
                wanted.add(p);
            }
        }
        Locale locale = Locale.forLanguageTag(chosen);
        Map<String, String> texts = new TreeMap<>();
        try {
            Properties all = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
            for (String key : all.stringPropertyNames()) {
                if (wanted.stream().anyMatch(key::startsWith)) {
                    texts.put(key, all.getProperty(key));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("page texts for %s could not be loaded: %s", chosen, e.getMessage());
        }
        List<Language> languages = supported.stream().map(PageAssetsResource::language).toList();
        return Answers.json(200, new Texts(chosen, languages, texts));
    }

    /** PatternFly 5 as Keycloak's common theme ships it (CSS, fonts, images), at a URL without a version. */
    @GET
    @Path("patternfly/{file:.*}")
    public Response patternfly(@PathParam("file") String file) {
        String type = StaticFiles.contentType(file);
        if (type == null) {
            return StaticFiles.notFound(session);
        }
        StaticFiles.File found = StaticFiles.load("theme:common:" + file, PATTERNFLY + file, name -> {
            Theme common = session.theme().getTheme("keycloak", Theme.Type.COMMON);
            return common == null ? null : common.getResourceAsStream(name);
        });
        return found == null ? StaticFiles.notFound(session) : StaticFiles.answer(session, found, type, false);
    }

    /** Our shared modules and keycloak.js. */
    @GET
    @Path("{file:.*}")
    public Response file(@PathParam("file") String file) {
        String type = StaticFiles.contentType(file);
        StaticFiles.File found = type == null ? null : StaticFiles.classpath(FOLDER + file);
        return found == null ? StaticFiles.notFound(session) : StaticFiles.answer(session, found, type, false);
    }

    static List<String> supportedLocales(RealmModel realm) {
        String fallback = realm == null || realm.getDefaultLocale() == null ? "en" : realm.getDefaultLocale();
        if (realm == null || !realm.isInternationalizationEnabled()) {
            return List.of(fallback);
        }
        List<String> tags = new ArrayList<>(List.of(fallback));
        realm.getSupportedLocalesStream().filter(t -> !tags.contains(t)).forEach(tags::add);
        return tags;
    }

    static Language language(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        String name = locale.getDisplayLanguage(locale);
        return new Language(tag, name.isEmpty() ? tag : name.substring(0, 1).toUpperCase(locale) + name.substring(1));
    }
}
