package org.schoolesia.esia.broker;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.keycloak.models.RealmModel;

/**
 * Realm attribute {@value #ATTRIBUTE}{@code =true}: the realm's accounts, passwords and keys are
 * public (a demo), so its ESIA provider may talk only to an emulator on this machine's loopback —
 * never to ESIA's production or test hosts, nor to any other host (issue 10, defect 12). Checked
 * before anything is signed or sent, so a realm switched to a real ESIA by mistake reveals nothing.
 */
public final class EmulatorOnlyRealm {

    public static final String ATTRIBUTE = "esiaEmulatorOnly";
    /** Localised in theme-resources/messages. */
    public static final String MESSAGE = "esiaErrorEmulatorOnlyRealm";

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private EmulatorOnlyRealm() {
    }

    public static boolean refuses(RealmModel realm, EsiaIdentityProviderConfig config) {
        if (!"true".equalsIgnoreCase(realm.getAttribute(ATTRIBUTE))) {
            return false;
        }
        try {
            return refuses(true, config.getEnvironment(), config.getBaseUrl());
        } catch (IllegalArgumentException unknownEnvironment) {
            return true;
        }
    }

    /** Pure rule: an emulator-only realm accepts only the custom environment on a loopback host. */
    static boolean refuses(boolean emulatorOnly, EsiaEnvironment environment, String baseUrl) {
        return emulatorOnly && (environment != EsiaEnvironment.CUSTOM || !isLoopback(baseUrl));
    }

    static boolean isLoopback(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4_LOOPBACK.matcher(host).matches()
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
