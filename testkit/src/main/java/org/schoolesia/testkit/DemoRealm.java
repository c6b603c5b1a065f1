package org.schoolesia.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The demo realm of {@code realm-config/}, as the run command imports it, pointed at wherever the
 * emulator listens; and the vault entries it references (the key material stays in files).
 */
public final class DemoRealm {

    public static final String NAME = "school-demo";
    /** Where the run command's emulator listens; the realm file names it. */
    public static final String RUN_EMULATOR_URL = "http://localhost:8081";
    public static final String CLIENT_ID = "school-diary";
    public static final String CLIENT_SECRET = "school-diary-secret";
    public static final String CLIENT_REDIRECT = "http://localhost/school-diary/callback";
    /** The sender of the realm's mail in tests. */
    public static final String MAIL_FROM = "noreply@school.example";
    public static final String MAIL_FROM_NAME = "Сетевой город. Образование";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoRealm() {
    }

    public static ObjectNode load(Path realmConfig, String emulatorUrl) throws IOException {
        String text = Files.readString(realmConfig.resolve(NAME + "-realm.json"), StandardCharsets.UTF_8);
        return (ObjectNode) JSON.readTree(text.replace(RUN_EMULATOR_URL, emulatorUrl));
    }

    /** As {@link #load(Path, String)}, with the realm's mail going to {@code mail} (plain SMTP, no authentication). */
    public static ObjectNode load(Path realmConfig, String emulatorUrl, MailServer mail) throws IOException {
        ObjectNode realm = load(realmConfig, emulatorUrl);
        ObjectNode smtp = realm.putObject("smtpServer");
        smtp.put("host", mail.host());
        smtp.put("port", String.valueOf(mail.port()));
        smtp.put("from", MAIL_FROM);
        smtp.put("fromDisplayName", MAIL_FROM_NAME);
        smtp.put("auth", "false");
        smtp.put("ssl", "false");
        smtp.put("starttls", "false");
        return realm;
    }

    /** Writes Keycloak's plain-text file vault for the demo realm into {@code vaultDir}. */
    public static void writeVault(Path realmConfig, Path vaultDir) throws IOException {
        Files.createDirectories(vaultDir);
        for (Map.Entry<String, String> entry : vaultEntries(realmConfig).entrySet()) {
            StringBuilder content = new StringBuilder();
            for (String file : entry.getValue().trim().split("\\s+")) {
                content.append(Files.readString(realmConfig.resolve(file), StandardCharsets.UTF_8).trim()).append('\n');
            }
            // Keycloak's file vault: <realm>_<key>, underscores doubled.
            String name = NAME.replace("_", "__") + "_" + entry.getKey().replace("_", "__");
            Files.writeString(vaultDir.resolve(name), content.toString(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> vaultEntries(Path realmConfig) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(realmConfig.resolve("vault-entries.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> entries.put(k, properties.getProperty(k)));
        return entries;
    }
}
