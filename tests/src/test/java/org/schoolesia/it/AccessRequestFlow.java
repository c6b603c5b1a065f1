package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.schoolesia.it.pages.ContactPage;
import org.schoolesia.it.pages.EsiaEmulatorPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.it.pages.NotFoundPage;
import org.schoolesia.it.pages.PendingRequestPage;
import org.schoolesia.it.pages.RequestFormPage;
import org.schoolesia.it.pages.RequestSentPage;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.TestEnvironment;

/**
 * «Обратиться в организацию» (R-REQ-1, R-REQ-2) over HTTP, as a person does it after Госуслуги: for
 * tests that need a filed access request. The selectors are the page objects' ({@code org.schoolesia.it.pages}). The pages are those of the ESIA step
 * ({@code #school-esia-account[data-page=…]}): {@code unidentified} → {@code contact}
 * ({@code #school-esia-continue}) → {@code request} (the form, {@code #school-request-send}) →
 * {@code sent} ({@code #school-request-number}); a person with a pending request gets
 * {@code pending} ({@code li[data-number]}, {@code #school-request-another} opens the form).
 * Form fields: {@code schoolType} (type code), {@code organization} (alias), {@code schoolClass}
 * (group id), {@code child} (the child's ESIA oid), {@code comment}; {@code refresh=1} re-renders
 * the cascade without a script, {@code send=1} files.
 */
final class AccessRequestFlow {

    static final Pattern NUMBER = Pattern.compile("[1-9]\\d{2}-\\d{3}-\\d{3}");

    private AccessRequestFlow() {
    }

    /**
     * Files a request and returns its number («123-456-785»): an ESIA login of {@code oid} with
     * {@code role} in {@code browser}, the form (from the not-found page or from the pending page),
     * the organisation's type looked up by the admin API, the class by its name (null: none, for
     * an organisation without classes), the child by ESIA oid (parents; null otherwise).
     * A request still pending at that organisation is given back: its number is returned.
     */
    static String fileRequest(TestEnvironment env, Browser browser, String oid, String role, String orgAlias, String className,
                              String childOid, String comment) {
        Browser.Page form = openForm(env, browser, oid, role);
        String type = typeOf(env, orgAlias);
        Browser.Page chosen = refresh(form, type, orgAlias);
        String classId = className == null ? "" : classId(chosen, className);
        Browser.Page sent = send(chosen, fields(type, orgAlias, classId, childOid, comment));
        return number(sent);
    }

    /** The ESIA login up to the first page of ours (or the redirect to the application). */
    static Browser.Page login(TestEnvironment env, Browser browser, String oid, String role) {
        Browser.Page loginPage = browser.open(env.clientLoginUrl());
        assertEquals(200, loginPage.status(), loginPage.text());
        Browser.Page picker = loginPage.follow(LoginPage.roleButton(role));
        assertEquals(200, picker.status(), "expected the emulator's person picker: " + picker.text());
        return picker.submit(EsiaEmulatorPage.personButton(oid));
    }

    /** A login, then the request form: «Обратиться в организацию» → «Продолжить», or «Обратиться в другую организацию». */
    static Browser.Page openForm(TestEnvironment env, Browser browser, String oid, String role) {
        Browser.Page page = login(env, browser, oid, role);
        String current = EsiaAccountLinkIT.pageOf(page);
        if ("pending".equals(current)) {
            return expect("request", page.submit(PendingRequestPage.ANOTHER));
        }
        expect("unidentified", page);
        Browser.Page contact = expect("contact", page.submit(NotFoundPage.CONTACT));
        return expect("request", contact.submit(ContactPage.CONTINUE));
    }

    /** «Выбрать» without a script: the form again with the organisations of the type and the classes of the organisation. */
    static Browser.Page refresh(Browser.Page form, String type, String orgAlias) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("schoolType", type);
        values.put("organization", orgAlias == null ? "" : orgAlias);
        return expect("request", form.submit(RequestFormPage.REFRESH_TYPE, values));
    }

    /** The id of the class named {@code className} among the class select's options. */
    static String classId(Browser.Page form, String className) {
        for (Element option : form.document().select(RequestFormPage.CLASS_OPTIONS)) {
            if (option.text().trim().equals(className)) {
                return option.attr("value");
            }
        }
        throw new AssertionError("no class " + className + " among " + form.document().select(RequestFormPage.CLASS_OPTIONS).eachText());
    }

    static Map<String, String> fields(String type, String orgAlias, String classId, String childOid, String comment) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("schoolType", type == null ? "" : type);
        values.put("organization", orgAlias == null ? "" : orgAlias);
        values.put("schoolClass", classId == null ? "" : classId);
        if (childOid != null) {
            values.put("child", childOid);
        }
        values.put("comment", comment == null ? "" : comment);
        return values;
    }

    /** «Отправить» with these values (the form's own values for the rest). */
    static Browser.Page send(Browser.Page form, Map<String, String> values) {
        expect("request", form);
        assertNotNull(form.document().selectFirst(RequestFormPage.SEND), "no «Отправить»: " + form.text());
        return form.submit(RequestFormPage.SEND, values);
    }

    /** The number on page {@code sent}. */
    static String number(Browser.Page sent) {
        expect("sent", sent);
        Element number = sent.document().selectFirst(RequestSentPage.NUMBER);
        assertNotNull(number, sent.text());
        assertTrue(NUMBER.matcher(number.text().trim()).matches(), "not a request number: " + number.text());
        return number.text().trim();
    }

    /** The numbers on page {@code pending}, oldest first. */
    static List<String> pendingNumbers(Browser.Page pending) {
        expect("pending", pending);
        return pending.document().select(PendingRequestPage.NUMBERS).eachAttr("data-number");
    }

    /** The organisation's type code (its {@code type} attribute), as the form's «Тип организации» offers it. */
    static String typeOf(TestEnvironment env, String alias) {
        Map<String, List<String>> attributes = env.realmAdmin().organisation(alias).toRepresentation().getAttributes();
        List<String> type = attributes == null ? null : attributes.get("type");
        return type == null || type.isEmpty() ? "" : type.get(0);
    }

    static Browser.Page expect(String page, Browser.Page actual) {
        return EsiaAccountLinkIT.expectPage(page, actual);
    }
}
