package org.schoolesia.esia.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Query strings for ESIA. ESIA decodes {@code +} as a space, so the timestamp's {@code +0300}
 * must travel as {@code %2B0300}, and a space as {@code %20} (ESIA-007014 otherwise).
 */
public final class EsiaQuery {

    private EsiaQuery() {
    }

    public static String encode(String value) {
        // URLEncoder already turns '+' into %2B; only its space-as-'+' needs fixing.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code a=b&c=d} in the map's iteration order; entries with a null value are left out. */
    public static String build(Map<String, String> orderedParams) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, String> e : orderedParams.entrySet()) {
            if (e.getValue() != null) {
                query.add(encode(e.getKey()) + '=' + encode(e.getValue()));
            }
        }
        return query.toString();
    }
}
