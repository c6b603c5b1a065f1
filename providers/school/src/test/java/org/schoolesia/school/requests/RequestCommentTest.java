package org.schoolesia.school.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RequestCommentTest {

    @Test
    void markupIsKeptAsTextNotStripped() {
        assertEquals(Optional.of("<script>alert(1)</script> 5«А»"), RequestComment.clean("  <script>alert(1)</script> 5«А»\n"));
    }

    @Test
    void controlCharactersGoLineBreaksStay() {
        assertEquals(Optional.of("строка 1\nстрока 2\tконец"), RequestComment.clean("строка 1\r\nстрока 2\tконец\u0000\u0007"));
    }

    @Test
    void emptyAndMissingMeanNoComment() {
        assertEquals(Optional.of(""), RequestComment.clean(null));
        assertEquals(Optional.of(""), RequestComment.clean("   \n "));
    }

    @Test
    void tooLongIsRefusedNotCut() {
        assertEquals(RequestComment.MAX_LENGTH, RequestComment.clean("я".repeat(RequestComment.MAX_LENGTH)).orElseThrow().length());
        assertTrue(RequestComment.clean("я".repeat(RequestComment.MAX_LENGTH + 1)).isEmpty());
        // Characters, not UTF-16 units: an emoji counts once.
        assertTrue(RequestComment.clean("😀".repeat(RequestComment.MAX_LENGTH)).isPresent());
    }

    @Test
    void defect6_bidiAndZeroWidthCharactersAreStripped() {
        assertEquals(Optional.of("ребёнок в 1А"), RequestComment.clean("\u202Eребёнок\u200B в 1А\u2066\uFEFF"));
    }
}
