package org.schoolesia.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ESIA's own crypto as the server measured it: the {@code esia.crypto.cpu} timer on Keycloak's
 * {@code /metrics}, the CPU the request threads spent in GOST signatures and id_token verifications
 * while the logins ran (with everything else sharing the machine), not on an idle bench thread.
 */
record ServerCrypto(double signSeconds, long signs, double verifySeconds, long verifies) {

    private static final Pattern SAMPLE = Pattern.compile("^esia_crypto_cpu_seconds_(sum|count)\\{([^}]*)} ([0-9.eE+-]+)$");

    /** The timer's totals now, or null when the server publishes no such metric (no metrics, an older build). */
    static ServerCrypto read(int managementPort, String realm) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        double signSeconds = 0;
        double verifySeconds = 0;
        long signs = 0;
        long verifies = 0;
        boolean found = false;
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches() || !m.group(2).contains("realm=\"" + realm + "\"")) {
                continue;
            }
            found = true;
            boolean sign = m.group(2).contains("operation=\"sign\"");
            double value = Double.parseDouble(m.group(3));
            if (m.group(1).equals("sum")) {
                if (sign) {
                    signSeconds += value;
                } else {
                    verifySeconds += value;
                }
            } else if (sign) {
                signs += Math.round(value);
            } else {
                verifies += Math.round(value);
            }
        }
        return found ? new ServerCrypto(signSeconds, signs, verifySeconds, verifies) : null;
    }

    ServerCrypto since(ServerCrypto before) {
        return before == null ? this : new ServerCrypto(signSeconds - before.signSeconds, signs - before.signs,
                verifySeconds - before.verifySeconds, verifies - before.verifies);
    }

    double signMicros() {
        return signs == 0 ? Double.NaN : 1e6 * signSeconds / signs;
    }

    double verifyMicros() {
        return verifies == 0 ? Double.NaN : 1e6 * verifySeconds / verifies;
    }

    /** Per ESIA login, in ms of CPU. */
    double perLoginMillis(int esiaLogins) {
        return 1000 * (signSeconds + verifySeconds) / esiaLogins;
    }
}
