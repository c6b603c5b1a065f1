package org.schoolesia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.schoolesia.esia.protocol.Snils;

/**
 * The people of the first-login benchmark: Госуслуги persons nobody has seen (each a confirmed parent
 * with two children, as ESIA serves them) and, for the ESIA side, the school account each one's SNILS
 * names. A copy of the realm configuration carries them to the emulator; the accounts go in through
 * the admin API. A pool is reused round after round: the benchmark deletes what a window's logins made.
 */
final class FirstLoginPeople {

    /** One person of a pool: ESIA oid, SNILS digits, names, birth date (ISO), unique e-mail. */
    record Person(long oid, String snils, String lastName, String firstName, String middleName, String birthDate, String email) {
        String username() {
            return "bench.first." + oid;
        }

        /** The school account the SNILS rule links this person to (R-LINK-3), as staff would have entered it. */
        Map<String, Object> account(String role, String organisation) {
            return Map.of("username", username(), "enabled", true, "firstName", firstName, "lastName", lastName,
                    "attributes", Map.of("middleName", List.of(middleName), "birthdate", List.of(birthDate), "gender", List.of("F"),
                            "citizenship", List.of("РФ"), "schoolRole", List.of(role), "homeOrganization", List.of(organisation),
                            "enrolmentSource", List.of("contingent"), "snils", List.of(snils)));
        }
    }

    private static final String[] LAST = {"Первова", "Новикова", "Зайцева", "Волкова", "Лебедева"};
    private static final String[] FIRST = {"Ольга", "Елена", "Ирина", "Светлана", "Наталья"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private FirstLoginPeople() {
    }

    /** {@code size} persons with oids from {@code firstOid} on; SNILS from the same number, so unique across pools. */
    static List<Person> pool(long firstOid, int size) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long oid = firstOid + i;
            String birth = String.format("19%02d-%02d-%02d", 80 + i % 15, 1 + i % 12, 1 + i % 28);
            people.add(new Person(oid, snils(oid), LAST[i % LAST.length], FIRST[i % FIRST.length], "Андреевна", birth,
                    "first." + oid + "@bench.invalid"));
        }
        return people;
    }

    /**
     * A valid SNILS made from an oid (check number per the Pension Fund's rule); oids of the pools (3.0, 3.1,
     * 3.2 billion on; children 10 and 20 million further) give 200 000 000 + a distinct remainder.
     */
    static String snils(long oid) {
        String nine = String.format("%09d", 200_000_000L + oid % 700_000_000L);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (9 - i);
        }
        int check = sum < 100 ? sum : sum % 101 % 100;
        return Snils.parse(nine + String.format("%02d", check)).digits();
    }

    /**
     * Copies the realm configuration to {@code target} with the pools' persons added to the emulator's
     * fixture; keys and the demo realm stay as they are. Returns the copy.
     */
    static Path realmConfigWith(Path realmConfig, Path target, List<List<Person>> pools) throws IOException {
        try (Stream<Path> files = Files.walk(realmConfig)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(realmConfig.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        Path personsFile = target.resolve(JSON.readTree(realmConfig.resolve("esia-emulator.json").toFile()).get("personsFile").asText());
        ArrayNode persons = (ArrayNode) JSON.readTree(personsFile.toFile());
        for (List<Person> pool : pools) {
            pool.forEach(p -> persons.add(esiaPerson(p)));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(personsFile.toFile(), persons);
        return target;
    }

    /** The person as the emulator serves it: confirmed (PR), verified e-mail, two children with SNILS no account carries. */
    private static ObjectNode esiaPerson(Person p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("oid", p.oid());
        node.put("firstName", p.firstName());
        node.put("lastName", p.lastName());
        node.put("middleName", p.middleName());
        String[] ymd = p.birthDate().split("-");
        node.put("birthDate", ymd[2] + "." + ymd[1] + "." + ymd[0]);
        node.put("birthPlace", "г. Энск");
        node.put("gender", "F");
        node.put("trusted", true);
        node.put("verifying", false);
        node.put("citizenship", "RUS");
        node.put("snils", Snils.parse(p.snils()).formatted());
        node.put("status", "REGISTERED");
        node.put("updatedOn", 1790000000L);
        node.put("eTag", String.format("%040X", p.oid()));
        node.put("level", "PR");
        ObjectNode email = node.putArray("contacts").addObject();
        email.put("type", "EML");
        email.put("vrfStu", "VERIFIED");
        email.put("value", p.email());
        ArrayNode kids = node.putArray("kids");
        for (int k = 0; k < 2; k++) {
            long kidOid = p.oid() + (k + 1) * 10_000_000L; // within the pool's 100 million, past its persons
            ObjectNode kid = kids.addObject();
            kid.put("oid", kidOid);
            kid.put("firstName", k == 0 ? "Егор" : "Алиса");
            kid.put("lastName", p.lastName().substring(0, p.lastName().length() - 1));
            kid.put("middleName", k == 0 ? "Олегович" : "Олеговна");
            kid.put("birthDate", k == 0 ? "14.02.2013" : "03.07.2016");
            kid.put("gender", k == 0 ? "M" : "F");
            kid.put("snils", Snils.parse(snils(kidOid)).formatted());
        }
        return node;
    }
}
