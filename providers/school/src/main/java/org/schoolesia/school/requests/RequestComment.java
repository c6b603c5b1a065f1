package org.schoolesia.school.requests;

import java.text.Normalizer;
import java.util.Optional;

import org.schoolesia.school.kernel.PersonFields;
import org.schoolesia.school.kernel.PureRule;

/**
 * A comment typed by a person («Дополнительный комментарий») or by staff with a decision: plain
 * text, kept as typed apart from control characters, at most {@link #MAX_LENGTH} characters.
 * Stored as text and escaped wherever shown (pages, e-mails, the staff page); never interpreted.
 */
@PureRule
public final class RequestComment {

    public static final int MAX_LENGTH = 1000;

    private RequestComment() {
    }

    /**
     * The comment to store, empty for none; {@link Optional#empty()} means too long (the caller
     * refuses with a message, nothing is cut silently).
     */
    public static Optional<String> clean(String typed) {
        if (typed == null) {
            return Optional.of("");
        }
        String text = Normalizer.normalize(typed, Normalizer.Form.NFC)
                .replace("\r\n", "\n").replace('\r', '\n')
                // Control characters other than line feed and tab would only confuse mail clients and logs.
                .replaceAll("[\\p{Cc}&&[^\\n\\t]]", "")
                // Defect 6: bidi and zero-width characters would make staff read other text than stored.
                .transform(PersonFields::withoutInvisibleControls)
                .strip();
        return text.codePointCount(0, text.length()) > MAX_LENGTH ? Optional.empty() : Optional.of(text);
    }
}
