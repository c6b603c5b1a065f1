package org.schoolesia.school.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** R-CERT-5: the paper application is a real PDF whose Cyrillic text reads back, with its font embedded. */
class ApplicationTemplatePdfTest {

    @Test
    void r_cert_5_theApplicationTemplateReadsBackInRussianWithTheFontEmbedded() throws Exception {
        byte[] pdf = ApplicationTemplatePdf.bytes();
        assertTrue(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(ApplicationTemplatePdf.TITLE, doc.getDocumentInformation().getTitle());
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (String words : new String[] {"В уполномоченную организацию", "ЗАЯВЛЕНИЕ", "о предоставлении сертификата дополнительного образования",
                    "(фамилия, имя, отчество ребенка)", "Номер сертификата", "152-ФЗ", "«Активный»"}) {
                assertTrue(text.contains(words), words + " in: " + text);
            }
            for (org.apache.pdfbox.cos.COSName name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " embedded");
                assertTrue(font.getName().contains("DejaVuSans"), font.getName());
            }
        }
        assertArrayEquals(pdf, ApplicationTemplatePdf.bytes(), "made once, the same bytes");
    }
}
