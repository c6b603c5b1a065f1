package org.schoolesia.school.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one JSON convention: nulls written, error extras beside code and message. */
class AnswersTest {

    record Line(String name, String middleName) {
    }

    @Test
    void nullsAreWritten() throws Exception {
        assertEquals("{\"name\":\"Вера\",\"middleName\":null}", Json.MAPPER.writeValueAsString(new Line("Вера", null)));
    }

    @Test
    void errorExtrasFollowCodeAndMessage() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("field", "student.snils");
        assertEquals("{\"error\":\"snils_unavailable\",\"message\":\"…\",\"field\":\"student.snils\"}",
                Json.MAPPER.writeValueAsString(new Answers.Error("snils_unavailable", "…", extra)));
    }
}
