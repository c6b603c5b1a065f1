package org.schoolesia.school.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

/** R-CERT-5: the АИС ПФДО credentials PDF reads back in Russian, the password only the first time; the password's rules. */
class PfdoCredentialsPdfTest {

    private static final Certificate CERTIFICATE = new Certificate("c1", "child1", "785044901646", CertificateStatus.INACTIVE,
            LocalDate.of(2026, 12, 6), LocalDate.of(2027, 12, 5), 0L, "parent1", null, null, null, null);
    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");

    @Test
    void r_cert_5_theFirstPdfHasNumberLoginAndPasswordWithTheFontEmbedded() throws Exception {
        String text = text(PfdoCredentialsPdf.render(CERTIFICATE, "Иванов Игорь Иванович",
                new PfdoCredentials.Shown("ivanovi", "Kx7mPq2RtZ9a", 1_765_000_000_000L), SAKHALIN), true);
        for (String words : new String[] {PfdoCredentialsPdf.TITLE, "Сертификат дополнительного образования № 785044901646",
                "Владелец сертификата: Иванов Игорь Иванович", "с 06.12.2026 по 05.12.2027", "Логин: ivanovi", "Пароль: Kx7mPq2RtZ9a",
                "Пароль показывается один раз", "Восстановить пароль"}) {
            assertTrue(text.contains(words), words + " in: " + text);
        }
    }

    @Test
    void r_cert_5_aLaterPdfHasNoPasswordAndSaysWhenItWasShownAndHowToReset() throws Exception {
        long shown = LocalDate.of(2026, 12, 6).atStartOfDay(SAKHALIN).plusHours(9).toInstant().toEpochMilli();
        String text = text(PfdoCredentialsPdf.render(CERTIFICATE, "Иванов Игорь", new PfdoCredentials.Shown("ivanovi", null, shown), SAKHALIN),
                false);
        assertTrue(text.contains("Логин: ivanovi"), text);
        assertFalse(text.contains("Пароль:"), text);
        assertTrue(text.contains("Пароль был показан 06.12.2026 и повторно не выдается."), text);
        assertTrue(text.contains(PfdoCredentialsPdf.HOW_TO_RESET), text);
    }

    @Test
    void r_cert_5_passwordsHaveTwelveCharactersOfEachKindWithoutLookAlikes() {
        Set<String> seen = new HashSet<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 2_000; i++) {
            String p = PfdoPassword.generate(random);
            assertEquals(PfdoPassword.LENGTH, p.length(), p);
            assertTrue(p.chars().anyMatch(Character::isUpperCase) && p.chars().anyMatch(Character::isLowerCase)
                    && p.chars().anyMatch(Character::isDigit), p);
            assertTrue(p.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), p);
            seen.add(p);
        }
        assertEquals(2_000, seen.size(), "drawn, not repeated");
        assertNotEquals(PfdoPassword.generate(new Random(1)), PfdoPassword.generate(new Random(2)));
    }

    private static String text(byte[] pdf, boolean checkFonts) throws Exception {
        assertEquals("%PDF-", new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(PfdoCredentialsPdf.TITLE, doc.getDocumentInformation().getTitle());
            if (checkFonts) {
                for (COSName name : doc.getPage(0).getResources().getFontNames()) {
                    PDFont font = doc.getPage(0).getResources().getFont(name);
                    assertTrue(font.isEmbedded() && font.getName().contains("DejaVuSans"), font.getName());
                }
            }
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
