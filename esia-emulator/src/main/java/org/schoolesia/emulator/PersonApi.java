package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * ESIA's REST person API under /rs/prns: person, contacts, kids and kids' birth certificates,
 * behind this emulator's own access tokens and their scopes.
 */
final class PersonApi {
    private static final Set<String> PERSON_SCOPES = Set.of("fullname", "birthdate", "gender", "snils", "id_doc");
    private static final Set<String> KID_SCOPES =
            Set.of("kid_fullname", "kid_birthdate", "kid_gender", "kid_snils", "kid_birth_cert_doc");
    private static final DateTimeFormatter ESIA_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final EsiaEmulator emu;
    private final EmulatorConfig config;
    private volatile byte[] oversized;

    PersonApi(EsiaEmulator emu) {
        this.emu = emu;
        this.config = emu.config();
    }

    private static final class ApiError extends Exception {
        final int status;
        final String code;

        ApiError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    void handle(Call c) throws IOException {
        try {
            serve(c);
        } catch (ApiError e) {
            if (e.status == 401) {
                c.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            c.outcome = e.code;
            c.json(e.status, Jwt.JSON.createObjectNode().put("code", e.code).put("message", e.getMessage()));
        }
    }

    private void serve(Call c) throws IOException, ApiError {
        String[] seg = c.path.substring("/rs/prns/".length()).split("/", -1);
        String oid = seg[0];
        ObjectNode token = verifyAccessToken(c.header("Authorization"));
        if (!oid.equals(token.path("urn:esia:sbj_id").asText())) {
            throw new ApiError(403, "ESIA-007019", "Token subject does not match the requested person");
        }
        Set<String> scopes = new HashSet<>(EsiaProtocol.splitScope(token.path("scope").asText()));
        ObjectNode person = config.person(oid);
        if (person == null) {
            throw new ApiError(404, "ESIA-020001", "Person not found");
        }
        Faults f = emu.faults();
        if (f.isArmed(Fault.PERSON_DELAY)) {
            try {
                Thread.sleep(parseLong(f.arg(Fault.PERSON_DELAY), 5000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JsonNode result = resolve(seg, person, scopes, c.query.get("embed"));
        if (result == null) {
            throw new ApiError(404, "ESIA-020001", "Not found");
        }
        if (f.isArmed(Fault.PERSON_SERVER_ERROR) || f.isArmed(Fault.KIDS_DOCS_SERVER_ERROR) && seg.length >= 4 && "docs".equals(seg[3])) {
            c.outcome = f.isArmed(Fault.PERSON_SERVER_ERROR) ? "fault PERSON_SERVER_ERROR" : "fault KIDS_DOCS_SERVER_ERROR";
            c.json(500, Jwt.JSON.createObjectNode().put("code", "ESIA-000000").put("message", "Internal server error"));
            return;
        }
        if (f.isArmed(Fault.PERSON_MALFORMED)) {
            c.outcome = "fault PERSON_MALFORMED";
            c.send(200, "application/json; charset=UTF-8",
                    "{\"oid\": 1000000001, \"firstName\": \"Ива".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (f.isArmed(Fault.PERSON_OVERSIZED)) {
            c.outcome = "fault PERSON_OVERSIZED";
            c.send(200, "application/json; charset=UTF-8", oversized());
            return;
        }
        if (f.isArmed(Fault.PERSON_SLOW_DRIP)) {
            c.outcome = "fault PERSON_SLOW_DRIP";
            c.drip(200, "application/json; charset=UTF-8", Jwt.JSON.writeValueAsBytes(result),
                    parseLong(f.arg(Fault.PERSON_SLOW_DRIP), 500));
            return;
        }
        c.outcome = "served";
        c.json(200, result);
    }

    private JsonNode resolve(String[] seg, ObjectNode person, Set<String> scopes, String embed) throws ApiError {
        String oid = seg[0];
        String base = emu.baseUrl() + "/rs/prns/" + oid;
        boolean embedded = embeds(embed, "elements");
        if (seg.length == 1) {
            requireAny(scopes, PERSON_SCOPES);
            ObjectNode view = personView(person, scopes);
            // ESIA's pages and clients read the person with its collections in one call:
            // /rs/prns/{oid}?embed=(contacts.elements,kids.elements); each only with a scope for it.
            boolean nested = !emu.faults().isArmed(Fault.PERSON_NESTED_EMBED_IGNORED);
            if (nested && embeds(embed, "contacts.elements")
                    && (scopes.contains("contacts") || scopes.contains("email") || scopes.contains("mobile"))) {
                view.set("contacts", collection(contacts(person, scopes), base + "/ctts/", true));
            }
            if (nested && embeds(embed, "kids.elements") && KID_SCOPES.stream().anyMatch(scopes::contains)) {
                view.set("kids", collection(kids(person, scopes), base + "/kids/", true));
            }
            return view;
        }
        switch (seg[1]) {
            case "ctts" -> {
                requireAny(scopes, Set.of("contacts", "email", "mobile"));
                List<ObjectNode> items = contacts(person, scopes);
                if (seg.length == 2) {
                    return collection(items, base + "/ctts/", embedded);
                }
                return seg.length == 3 ? byId(items, seg[2]) : null;
            }
            case "docs" -> {
                requireAny(scopes, Set.of("id_doc"));
                List<ObjectNode> items = passports(person);
                if (seg.length == 2) {
                    return collection(items, base + "/docs/", embedded);
                }
                return seg.length == 3 ? byId(items, seg[2]) : null;
            }
            case "kids" -> {
                requireAny(scopes, KID_SCOPES);
                List<ObjectNode> kids = kids(person, scopes);
                if (seg.length == 2) {
                    return collection(kids, base + "/kids/", embedded);
                }
                ObjectNode kid = byId(kids, seg[2]);
                if (kid == null || seg.length == 3) {
                    return kid;
                }
                if (!seg[3].equals("docs")) {
                    return null;
                }
                requireAny(scopes, Set.of("kid_birth_cert_doc"));
                List<ObjectNode> docs = List.of(birthCertificate(kidFixture(person, seg[2])));
                if (seg.length == 4) {
                    return collection(docs, base + "/kids/" + seg[2] + "/docs/", embedded);
                }
                return seg.length == 5 ? byId(docs, seg[4]) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Whether ESIA's {@code embed=(a, b.elements)} names {@code what}. */
    static boolean embeds(String embed, String what) {
        if (embed == null) {
            return false;
        }
        String list = embed.replace(" ", "");
        if (list.startsWith("(") && list.endsWith(")")) {
            list = list.substring(1, list.length() - 1);
        }
        return List.of(list.split(",")).contains(what);
    }

    private static void requireAny(Set<String> granted, Set<String> needed) throws ApiError {
        for (String s : needed) {
            if (granted.contains(s)) {
                return;
            }
        }
        throw new ApiError(403, "ESIA-007019", "The access token has no scope for this resource");
    }

    ObjectNode verifyAccessToken(String authorization) throws ApiError {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "ESIA-007011", "Bearer access token required");
        }
        Jwt.Parsed t;
        try {
            t = Jwt.parse(authorization.substring(7).trim());
        } catch (IllegalArgumentException e) {
            throw new ApiError(401, "ESIA-007011", "Malformed access token");
        }
        PublicKey key = Jwt.GOST.equals(t.alg()) ? config.gostKey().certificate().getPublicKey()
                : Jwt.RS256.equals(t.alg()) ? config.rsaKey().certificate().getPublicKey() : null;
        if (key == null || !"access".equals(t.header().path("sbt").asText()) || !t.verify(key)
                || !config.issuer().equals(t.claims().path("iss").asText())) {
            throw new ApiError(401, "ESIA-007011", "Access token is not valid");
        }
        if (t.claims().path("exp").asLong(0) < System.currentTimeMillis() / 1000) {
            throw new ApiError(401, "ESIA-007011", "Access token expired");
        }
        return t.claims();
    }

    private static long parseLong(String s, long dflt) {
        try {
            return s == null ? dflt : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    // ---------------------------------------------------------------- views

    static ObjectNode personView(ObjectNode fixture, Set<String> scopes) {
        ObjectNode p = fixture.deepCopy();
        // Like ESIA: the person document names no oid (the access token and the URL do).
        p.remove(List.of("oid", "contacts", "kids", "level"));
        if (!scopes.contains("fullname")) {
            p.remove(List.of("firstName", "lastName", "middleName"));
        }
        if (!scopes.contains("birthdate")) {
            p.remove(List.of("birthDate", "birthPlace"));
        }
        if (!scopes.contains("gender")) {
            p.remove("gender");
        }
        if (!scopes.contains("snils")) {
            p.remove("snils");
        }
        if (!scopes.contains("id_doc")) {
            p.remove("rIdDoc");
        }
        return p;
    }

    private List<ObjectNode> contacts(ObjectNode person, Set<String> scopes) {
        boolean all = scopes.contains("contacts");
        List<ObjectNode> out = new ArrayList<>();
        long oid = person.path("oid").asLong();
        int i = 0;
        for (JsonNode ct : person.path("contacts")) {
            i++;
            String type = ct.path("type").asText();
            boolean visible = all || (scopes.contains("email") && (type.equals("EML") || type.equals("CEM")))
                    || (scopes.contains("mobile") && type.equals("MBT"));
            if (!visible) {
                continue;
            }
            ObjectNode item = Jwt.JSON.createObjectNode();
            item.putArray("stateFacts").add("Identifiable");
            item.put("id", ct.has("id") ? ct.get("id").asLong() : oid * 10 + i);
            item.put("type", type);
            item.put("vrfStu", ct.path("vrfStu").asText("NOT_VERIFIED"));
            item.put("value", ct.path("value").asText());
            item.put("eTag", Integer.toHexString((oid + ":" + i + ":" + ct.path("value").asText()).hashCode()).toUpperCase());
            out.add(item);
        }
        return out;
    }

    private static JsonNode kidFixture(ObjectNode parent, String kidOid) {
        for (JsonNode k : parent.path("kids")) {
            if (k.path("oid").asText().equals(kidOid)) {
                return k;
            }
        }
        return null;
    }

    private static List<ObjectNode> kids(ObjectNode person, Set<String> scopes) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode k : person.path("kids")) {
            ObjectNode item = Jwt.JSON.createObjectNode();
            item.putArray("stateFacts").add("Identifiable");
            item.put("id", k.path("oid").asLong());
            if (scopes.contains("kid_fullname")) {
                copy(k, item, "firstName", "lastName", "middleName");
            }
            if (scopes.contains("kid_birthdate")) {
                copy(k, item, "birthDate");
            }
            if (scopes.contains("kid_gender")) {
                copy(k, item, "gender");
            }
            if (scopes.contains("kid_snils")) {
                copy(k, item, "snils");
            }
            item.put("eTag", Integer.toHexString(k.toString().hashCode()).toUpperCase());
            out.add(item);
        }
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.has(f)) {
                to.set(f, from.get(f));
            }
        }
    }

    /** A deterministic birth certificate for a kid of the fixture. */
    static ObjectNode birthCertificate(JsonNode kid) {
        long kidOid = kid.path("oid").asLong();
        ObjectNode d = Jwt.JSON.createObjectNode();
        d.putArray("stateFacts").add("Identifiable");
        d.put("id", kidOid * 10 + 7);
        d.put("type", "BRTH_CERT");
        d.put("vrfStu", "VERIFIED");
        d.put("series", "IV-МЮ");
        d.put("number", String.format("%06d", kidOid % 1_000_000 * 7919 % 1_000_000));
        LocalDate born = LocalDate.parse(kid.path("birthDate").asText(), ESIA_DATE);
        d.put("issueDate", born.plusDays(12).format(ESIA_DATE));
        d.put("issuedBy", "Отдел ЗАГС Администрации г. Энска");
        d.put("actNo", String.valueOf(100000 + kidOid % 100000));
        d.put("eTag", Long.toHexString(kidOid * 31).toUpperCase());
        return d;
    }

    /** An RF passport for persons aged 14 and over (deterministic, demo data). */
    private static List<ObjectNode> passports(ObjectNode person) {
        String bd = person.path("birthDate").asText();
        if (bd.isEmpty() || LocalDate.parse(bd, ESIA_DATE).plusYears(14).isAfter(LocalDate.now())) {
            return List.of();
        }
        long oid = person.path("oid").asLong();
        ObjectNode d = Jwt.JSON.createObjectNode();
        d.putArray("stateFacts").add("Identifiable");
        d.put("id", oid * 10 + 5);
        d.put("type", "RF_PASSPORT");
        d.put("vrfStu", "VERIFIED");
        d.put("series", String.format("%04d", 4500 + oid % 100));
        d.put("number", String.format("%06d", oid % 1_000_000 * 104729 % 1_000_000));
        d.put("issueDate", LocalDate.parse(bd, ESIA_DATE).plusYears(14).plusDays(20).format(ESIA_DATE));
        d.put("issueId", "770-001");
        d.put("issuedBy", "ГУ МВД России по г. Энску");
        d.put("eTag", Long.toHexString(oid * 17).toUpperCase());
        return List.of(d);
    }

    private static ObjectNode byId(List<ObjectNode> items, String id) {
        for (ObjectNode i : items) {
            if (i.path("id").asText().equals(id)) {
                return i;
            }
        }
        return null;
    }

    /** ESIA's collection shape: element URLs, or the elements themselves with embed=(elements). */
    private static ObjectNode collection(List<ObjectNode> items, String urlPrefix, boolean embedded) {
        ObjectNode col = Jwt.JSON.createObjectNode();
        col.putArray("stateFacts").add("hasSize");
        col.put("size", items.size());
        ArrayNode el = col.putArray("elements");
        Function<ObjectNode, JsonNode> view = embedded ? i -> i : i -> Jwt.JSON.getNodeFactory().textNode(urlPrefix + i.path("id").asText());
        items.forEach(i -> el.add(view.apply(i)));
        return col;
    }

    private byte[] oversized() {
        if (oversized == null) {
            StringBuilder sb = new StringBuilder(5 * 1024 * 1024 + 256);
            sb.append("{\"oid\":1000000001,\"firstName\":\"Мария\",\"lastName\":\"Иванова\",\"padding\":[");
            String chunk = "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"";
            boolean first = true;
            while (sb.length() < 5 * 1024 * 1024) {
                if (!first) {
                    sb.append(',');
                }
                sb.append(chunk);
                first = false;
            }
            sb.append("]}");
            oversized = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        return oversized;
    }
}
