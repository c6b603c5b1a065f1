package org.schoolesia.school.certificates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;

/**
 * R-CERT-5: «Скачать шаблон заявления на получение сертификата» — the paper application an applicant
 * prints, fills in by hand and brings to the authorised organisation for activation (R-CERT-4). A
 * blank form with no one's data, so it needs no token; made once with OpenPDF and the DejaVu Sans
 * font embedded (Cyrillic in any PDF reader, searchable and extractable as text).
 */
final class ApplicationTemplatePdf {

    static final String TITLE = "Заявление о предоставлении сертификата дополнительного образования";
    private static final String FONT = "fonts/DejaVuSans.ttf";
    private static final String LINE = "_______________________________________________";
    private static volatile byte[] made;

    private ApplicationTemplatePdf() {
    }

    /** The PDF's bytes (made on first use, then kept: the form never changes while the server runs). */
    static byte[] bytes() {
        byte[] pdf = made;
        if (pdf == null) {
            pdf = render();
            made = pdf;
        }
        return pdf.clone();
    }

    static byte[] render() {
        try {
            BaseFont base = baseFont();
            Font text = new Font(base, 11);
            Font small = new Font(base, 8);
            Font heading = new Font(base, 14);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
            PdfWriter.getInstance(doc, out);
            doc.addTitle(TITLE);
            doc.open();
            Paragraph to = new Paragraph("В уполномоченную организацию\n" + LINE + "\nот " + LINE, text);
            to.setAlignment(Element.ALIGN_RIGHT);
            doc.add(to);
            doc.add(hint("(фамилия, имя, отчество заявителя — родителя, законного представителя или учащегося с 14 лет)", small,
                    Element.ALIGN_RIGHT));
            Paragraph title = new Paragraph("ЗАЯВЛЕНИЕ\nо предоставлении сертификата дополнительного образования", heading);
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingBefore(18);
            title.setSpacingAfter(12);
            doc.add(title);
            doc.add(field("Прошу предоставить сертификат дополнительного образования ребенку (себе):", text));
            doc.add(field(LINE, text));
            doc.add(hint("(фамилия, имя, отчество ребенка)", small, Element.ALIGN_LEFT));
            doc.add(field("Дата рождения: ____________________   СНИЛС: ______________________", text));
            doc.add(field("Номер сертификата (если получен в личном кабинете): ____________________", text));
            doc.add(field("Адрес места жительства: " + LINE, text));
            doc.add(field("Документ, удостоверяющий личность заявителя: серия ________ номер ______________", text));
            doc.add(field("Телефон: ____________________   Электронная почта: ____________________", text));
            doc.add(field("С правилами персонифицированного финансирования дополнительного образования ознакомлен(а). "
                    + "Даю согласие на обработку персональных данных, указанных в заявлении, в соответствии "
                    + "с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных».", text));
            doc.add(field("Дата «____» ______________ 20____ г.        Подпись ______________ / ______________________ /", text));
            doc.add(new Paragraph(" ", text));
            doc.add(hint("Заявление вместе с подтверждающими документами предъявляется в уполномоченной организации; "
                    + "после проверки документов сотрудник изменит статус сертификата на «Активный».", small, Element.ALIGN_LEFT));
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("application template", e);
        }
    }

    /** A paragraph of the forms: 10 pt before, 16 pt leading (also the ПФДО credentials'). */
    static Paragraph field(String words, Font font) {
        Paragraph p = new Paragraph(words, font);
        p.setSpacingBefore(10);
        p.setLeading(16);
        return p;
    }

    private static Paragraph hint(String words, Font font, int alignment) {
        Paragraph p = new Paragraph(words, font);
        p.setAlignment(alignment);
        return p;
    }

    /** DejaVu Sans, embedded (also the ПФДО credentials' font, {@link PfdoCredentialsPdf}). */
    static BaseFont baseFont() throws IOException {
        return BaseFont.createFont(FONT, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, font(), null);
    }

    private static byte[] font() throws IOException {
        try (InputStream in = ApplicationTemplatePdf.class.getClassLoader().getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IOException(FONT + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }
}
