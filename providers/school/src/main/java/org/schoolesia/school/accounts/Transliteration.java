package org.schoolesia.school.accounts;

import java.util.Locale;
import java.util.Map;
import org.schoolesia.school.kernel.PureRule;

/**
 * Russian names in Latin letters for logins, close to the passport rules (ГОСТ Р 52535.1-2006 /
 * приказ МИД): Кузнецов → kuznetsov, Щукина → shchukina. Only {@code a-z}; anything else is dropped,
 * so the result is always a valid Keycloak username fragment.
 */
@PureRule
public final class Transliteration {

    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"),
            Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"),
            Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "i"), Map.entry('к', "k"),
            Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"),
            Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"),
            Map.entry('ч', "ch"), Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', "ie"),
            Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"), Map.entry('ю', "iu"),
            Map.entry('я', "ia"));

    private Transliteration() {
    }

    /** Lower-case Latin letters only. */
    public static String latin(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            String mapped = LETTERS.get(c);
            if (mapped != null) {
                out.append(mapped);
            } else if (c >= 'a' && c <= 'z') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
