package org.schoolesia.esia.protocol;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads ESIA's person, contacts and kids documents ({@code /rs/prns/{oid}}, {@code /ctts},
 * {@code /kids}, the collections fetched with {@code ?embed=(elements)}).
 */
public final class EsiaPersonParser {

    private EsiaPersonParser() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String VERIFIED = "VERIFIED";
    /** Each child costs a call for its documents; no family comes near this. */
    static final int MAX_KIDS = 30;

    /**
     * @param contactsJson null when contacts were not requested, or when the person document carries
     *                     them ({@code ?embed=(contacts.elements)}, see {@link #carries})
     * @param kidsJson     null when kids were not requested, or when the person document carries them
     *                     ({@code ?embed=(kids.elements)})
     */
    public static EsiaPerson parse(String personJson, String contactsJson, String kidsJson) throws EsiaPersonException {
        return parse(personJson, contactsJson, kidsJson, LocalDate.now(ZoneOffset.UTC));
    }

    /** As {@link #parse(String, String, String)}, with the day against which birth dates are judged. */
    static EsiaPerson parse(String personJson, String contactsJson, String kidsJson, LocalDate today) throws EsiaPersonException {
        JsonNode person = object(personJson, "person");
        // Real ESIA person documents carry no oid (the id_token's sub names the person); accept one if present.
        String oid = person.hasNonNull("oid") ? oid(person, "person", "oid") : null;
        if (person.hasNonNull("oid") && EsiaText.oid(oid) == null) {
            throw new EsiaPersonException("ESIA person field 'oid' is not an identifier");
        }
        Snils snils = null;
        boolean snilsInvalid = false;
        String snilsText = text(person, "snils", "person");
        if (snilsText != null && !snilsText.isBlank()) {
            snils = snils(snilsText);
            snilsInvalid = snils == null;
        }
        String email = null;
        String mobile = null;
        JsonNode contacts = contactsJson != null ? object(contactsJson, "contacts") : embedded(person, "contacts");
        if (contacts != null) {
            for (JsonNode contact : elements(contacts, "contacts")) {
                if (!VERIFIED.equals(text(contact, "vrfStu", "contact"))) {
                    continue;
                }
                String type = text(contact, "type", "contact");
                if (email == null && "EML".equals(type)) {
                    email = EsiaText.email(text(contact, "value", "contact"));
                } else if (mobile == null && "MBT".equals(type)) {
                    mobile = EsiaText.mobile(text(contact, "value", "contact"));
                }
            }
        }
        List<EsiaKid> kids = new ArrayList<>();
        JsonNode kidsCollection = kidsJson != null ? object(kidsJson, "kids") : embedded(person, "kids");
        if (kidsCollection != null) {
            for (JsonNode kid : elements(kidsCollection, "kids")) {
                if (kids.size() < MAX_KIDS) {
                    kids.add(kid(kid, today));
                }
            }
        }
        return new EsiaPerson(oid, EsiaText.name(text(person, "lastName", "person")), EsiaText.name(text(person, "firstName", "person")),
                EsiaText.name(text(person, "middleName", "person")), EsiaText.birthDate(date(person, "birthDate", "person"), today),
                gender(person, "person"), bool(person, "trusted", "person"), EsiaText.code(text(person, "citizenship", "person")),
                snils, snilsInvalid, email, mobile, kids,
                EsiaText.code(text(person, "status", "person")), bool(person, "verifying", "person"));
    }

    private static EsiaKid kid(JsonNode kid, LocalDate today) throws EsiaPersonException {
        // The kids collection calls the identifier "id"; a kid fetched on its own has "oid".
        String field = kid.has("oid") ? "oid" : "id";
        String oid = EsiaText.oid(oid(kid, "kid", field));
        if (oid == null) {
            // It would go into the URL of the child's documents.
            throw new EsiaPersonException("ESIA kid field '" + field + "' is not an identifier");
        }
        String snilsText = text(kid, "snils", "kid");
        // As with a bad SNILS or date: a child's bad record at ESIA must not stop the parent's login.
        Snils snils = snilsText == null || snilsText.isBlank() ? null : snils(snilsText);
        LocalDate birthDate;
        try {
            birthDate = EsiaText.birthDate(date(kid, "birthDate", "kid"), today);
        } catch (EsiaPersonException e) {
            birthDate = null;
        }
        return new EsiaKid(oid, EsiaText.name(text(kid, "lastName", "kid")), EsiaText.name(text(kid, "firstName", "kid")),
                EsiaText.name(text(kid, "middleName", "kid")), birthDate, gender(kid, "kid"), snils);
    }

    /** Null when not a valid SNILS; long text is not even tried. */
    private static Snils snils(String text) {
        if (text.length() > 32) {
            return null;
        }
        try {
            return Snils.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The birth certificate among a child's documents ({@code ?embed=(elements)}); empty when ESIA
     * lists none. Other document types are ignored.
     */
    public static java.util.Optional<EsiaBirthCertificate> birthCertificate(String docsJson) throws EsiaPersonException {
        for (JsonNode doc : elements(docsJson, "kid documents")) {
            if ("BRTH_CERT".equals(doc.path("type").asText())) {
                String series = EsiaText.documentPart(text(doc, "series", "birth certificate"));
                String number = EsiaText.documentPart(text(doc, "number", "birth certificate"));
                LocalDate issued;
                try {
                    issued = EsiaText.birthDate(date(doc, "issueDate", "birth certificate"), LocalDate.now(ZoneOffset.UTC));
                } catch (EsiaPersonException e) {
                    issued = null;
                }
                // A certificate without a readable number is no certificate to compare with the paper.
                return number == null ? java.util.Optional.empty()
                        : java.util.Optional.of(new EsiaBirthCertificate(series, number, issued));
            }
        }
        return java.util.Optional.empty();
    }

    private static JsonNode object(String json, String document) throws EsiaPersonException {
        if (json == null) {
            throw new EsiaPersonException("ESIA " + document + " document is missing");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new EsiaPersonException("ESIA " + document + " document is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new EsiaPersonException("ESIA " + document + " document is not a JSON object");
        }
        return node;
    }

    /**
     * Whether the person document carries the collection ({@code contacts}, {@code kids}) as objects, as
     * ESIA answers {@code /rs/prns/{oid}?embed=(contacts.elements,kids.elements)}; false for a document
     * without it or with links only, whose items must be asked at {@code /ctts} or {@code /kids}.
     */
    public static boolean carries(String personJson, String collection) throws EsiaPersonException {
        return embedded(object(personJson, "person"), collection) != null;
    }

    private static JsonNode embedded(JsonNode person, String collection) {
        JsonNode found = person.get(collection);
        JsonNode elements = found == null ? null : found.get("elements");
        if (elements == null || !elements.isArray()) {
            return null;
        }
        for (JsonNode element : elements) {
            if (!element.isObject()) {
                return null;
            }
        }
        return found;
    }

    /** ESIA's collection shape {@code {"size":N,"elements":[...]}}. */
    private static List<JsonNode> elements(String json, String document) throws EsiaPersonException {
        return elements(object(json, document), document);
    }

    private static List<JsonNode> elements(JsonNode collection, String document) throws EsiaPersonException {
        if (!collection.isObject()) {
            throw new EsiaPersonException("ESIA " + document + " document is not a JSON object");
        }
        JsonNode elements = collection.get("elements");
        List<JsonNode> out = new ArrayList<>();
        if (elements == null || elements.isNull()) {
            return out;
        }
        if (!elements.isArray()) {
            throw new EsiaPersonException("ESIA " + document + " field 'elements' is not an array");
        }
        for (JsonNode element : elements) {
            if (element.isTextual()) {
                throw new EsiaPersonException("ESIA " + document + " elements are links, not objects: request the "
                        + "collection with ?embed=(elements)");
            }
            if (!element.isObject()) {
                throw new EsiaPersonException("ESIA " + document + " element is not a JSON object");
            }
            out.add(element);
        }
        return out;
    }

    private static String oid(JsonNode node, String document, String field) throws EsiaPersonException {
        JsonNode oid = node.get(field);
        if (oid == null || oid.isNull()) {
            throw new EsiaPersonException("ESIA " + document + " has no '" + field + "'");
        }
        if (!(oid.isIntegralNumber() || oid.isTextual()) || oid.asText().isBlank()) {
            throw new EsiaPersonException("ESIA " + document + " field '" + field + "' is not a number or string");
        }
        return oid.asText();
    }

    private static String text(JsonNode node, String field, String document) throws EsiaPersonException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new EsiaPersonException("ESIA " + document + " field '" + field + "' is not a string");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String field, String document) throws EsiaPersonException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new EsiaPersonException("ESIA " + document + " field '" + field + "' is not a boolean");
        }
        return value.booleanValue();
    }

    private static LocalDate date(JsonNode node, String field, String document) throws EsiaPersonException {
        String text = text(node, field, document);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text, BIRTH_DATE);
        } catch (DateTimeParseException e) {
            throw new EsiaPersonException("ESIA " + document + " field '" + field + "' is not a dd.MM.yyyy date");
        }
    }

    private static String gender(JsonNode node, String document) throws EsiaPersonException {
        String text = text(node, "gender", document);
        if (text == null) {
            return null;
        }
        String g = text.trim().toUpperCase(Locale.ROOT);
        return "M".equals(g) || "F".equals(g) ? g : null;
    }
}
