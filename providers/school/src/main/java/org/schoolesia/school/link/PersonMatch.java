package org.schoolesia.school.link;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import org.schoolesia.school.kernel.PureRule;

/**
 * Do an ESIA person and a local account describe the same human? Names compare after Unicode
 * NFC, case folding, ё→е and collapsed spaces, because school registers and Госуслуги spell the
 * same «Пётр» differently; the middle name counts only when both sides have one.
 */
@PureRule
public final class PersonMatch {

    private static final Locale RU = Locale.forLanguageTag("ru");

    private PersonMatch() {
    }

    public static String fold(String value) {
        if (value == null) {
            return "";
        }
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC).toLowerCase(RU).replace('ё', 'е');
        return nfc.replaceAll("[\\s\\u00a0]+", " ").trim();
    }

    public static boolean sameFullName(EsiaPersonFacts person, AccountFacts account) {
        if (fold(person.lastName()).isEmpty() || fold(person.firstName()).isEmpty()) {
            return false;
        }
        boolean middle = fold(person.middleName()).isEmpty() || fold(account.middleName()).isEmpty()
                || fold(person.middleName()).equals(fold(account.middleName()));
        return fold(person.lastName()).equals(fold(account.lastName()))
                && fold(person.firstName()).equals(fold(account.firstName()))
                && middle;
    }

    public static boolean sameBirthDate(EsiaPersonFacts person, AccountFacts account) {
        return person.birthDate() != null && Objects.equals(person.birthDate(), account.birthDate());
    }

    /**
     * May this ESIA person enter this linked account now? Nothing on the card may contradict ESIA:
     * a link made by mistake (a mistyped oid, a parent's oid on a child's card) never lets the
     * wrong person in, while a right link stays right (ESIA's own data is what the card holds).
     */
    public static boolean mayEnter(EsiaPersonFacts person, AccountFacts account) {
        return noContradiction(person, account);
    }

    /**
     * Nothing on the card contradicts ESIA: SNILS and birth date must agree where both are known.
     * This is what keeps a parent's ESIA out of a child's account even with the child's password.
     */
    public static boolean noContradiction(EsiaPersonFacts person, AccountFacts account) {
        if (person.snils() != null && account.snils() != null && !person.snils().equals(account.snils())) {
            return false;
        }
        return person.birthDate() == null || account.birthDate() == null || person.birthDate().equals(account.birthDate());
    }
}
