package org.schoolesia.school.certificates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;

/**
 * R-CERT-5 (seed 001, after picture 26): «PDF-файл с учетными данными для входа в АИС ПФДО» — the
 * certificate's number, the login and, the first time only, the password; later downloads say when
 * it was shown and how to get a new one. OpenPDF with DejaVu Sans embedded, as the application form.
 */
final class PfdoCredentialsPdf {

    static final String TITLE = "Учетные данные для входа в АИС ПФДО";
    static final String ONCE = "Пароль показывается один раз: сохраните этот файл или перепишите пароль. "
            + "При следующей загрузке файла пароля в нём не будет.";
    static final String HOW_TO_RESET = "Если пароль утерян, нажмите «Восстановить пароль» на странице входа в АИС ПФДО "
            + "или обратитесь в уполномоченную организацию, которая активирует сертификаты.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private PfdoCredentialsPdf() {
    }

    /** @param holder the certificate holder's name as on the card; {@code zone}: the holder's organisation's, for the date shown */
    static byte[] render(Certificate certificate, String holder, PfdoCredentials.Shown shown, ZoneId zone) {
        try {
            BaseFont base = ApplicationTemplatePdf.baseFont();
            Font text = new Font(base, 12);
            Font strong = new Font(base, 14, Font.BOLD);
            Font small = new Font(base, 9);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
            PdfWriter.getInstance(doc, out);
            doc.addTitle(TITLE);
            doc.open();
            Paragraph title = new Paragraph(TITLE, new Font(base, 16));
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingAfter(18);
            doc.add(title);
            doc.add(ApplicationTemplatePdf.field("Сертификат дополнительного образования № " + certificate.number(), text));
            doc.add(ApplicationTemplatePdf.field("Владелец сертификата: " + holder, text));
            doc.add(ApplicationTemplatePdf.field("Срок действия: с " + DAY.format(certificate.validFrom()) + " по " + DAY.format(certificate.validTo()), text));
            doc.add(ApplicationTemplatePdf.field("Логин: " + shown.login(), strong));
            if (shown.password() != null) {
                doc.add(ApplicationTemplatePdf.field("Пароль: " + shown.password(), strong));
                doc.add(ApplicationTemplatePdf.field(ONCE, small));
            } else {
                doc.add(ApplicationTemplatePdf.field("Пароль был показан " + DAY.format(Instant.ofEpochMilli(shown.shownAt()).atZone(zone))
                        + " и повторно не выдается.", text));
            }
            doc.add(ApplicationTemplatePdf.field(HOW_TO_RESET, small));
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("ПФДО credentials", e);
        }
    }
}
