package org.schoolesia.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.schoolesia.emulator.EmulatorConfig;
import org.schoolesia.emulator.EsiaEmulator;

/**
 * Everything a test run talks to: the ESIA emulator, an SMTP server and one real Keycloak with our
 * providers and the demo realm (its mail going to that SMTP server). Built once per run by
 * {@link KeycloakExtension}.
 */
public final class TestEnvironment implements AutoCloseable {

    private final Path realmConfig;
    private final EsiaEmulator emulator;
    private final MailServer mail;
    private final KeycloakServer keycloak;
    private final AdminClient admin;
    /** The typed admin client; built on first use and again after a restart. */
    private Keycloak keycloakAdmin;
    /** Set by {@link #startCluster}. */
    private KeycloakCluster cluster;

    private TestEnvironment(Path realmConfig, EsiaEmulator emulator, MailServer mail, KeycloakServer keycloak) {
        this.realmConfig = realmConfig;
        this.emulator = emulator;
        this.mail = mail;
        this.keycloak = keycloak;
        this.admin = new AdminClient(keycloak.baseUrl());
    }

    public static TestEnvironment start(Path keycloakHome, Path realmConfig, Path workDir, List<String> extraKeycloakOptions)
            throws IOException, InterruptedException {
        return start(keycloakHome, realmConfig, workDir, extraKeycloakOptions, List.of());
    }

    /** As {@link #start(Path, Path, Path, List)}, with Keycloak on the database {@code dbOptions} name (see {@link KeycloakServer}). */
    public static TestEnvironment start(Path keycloakHome, Path realmConfig, Path workDir, List<String> extraKeycloakOptions,
                                        List<String> dbOptions) throws IOException, InterruptedException {
        return start(realmConfig, workDir, true, vault -> {
            List<String> options = new ArrayList<>(List.of("--vault=file", "--vault-dir=" + vault.toAbsolutePath()));
            options.addAll(extraKeycloakOptions);
            return KeycloakServer.start(keycloakHome, workDir.resolve("keycloak"), options, dbOptions);
        });
    }

    /**
     * As {@link #start(Path, Path, Path, List)}, with Keycloak started the production way
     * ({@link KeycloakServer#startProduction}: optimised build, {@code start --optimized}, PostgreSQL of
     * its own under {@code workDir/keycloak}) from the repository at {@code repositoryRoot}. The vault
     * ({@code workDir/vault}) holds the demo realm's entries; write more there before calling.
     * {@code scriptEnvironment} adds to the script's environment; {@code SCHOOL_PROD_REALM} defaults
     * to {@code none}. The demo realm is imported through the admin API only if {@code importDemoRealm}.
     */
    public static TestEnvironment startProduction(Path repositoryRoot, Path keycloakHome, Path realmConfig, Path workDir,
                                                  Map<String, String> scriptEnvironment, List<String> extraKeycloakOptions,
                                                  boolean importDemoRealm) throws IOException, InterruptedException {
        return start(realmConfig, workDir, importDemoRealm, vault -> {
            Map<String, String> env = new java.util.HashMap<>(Map.of("SCHOOL_PROD_REALM", "none"));
            env.putAll(scriptEnvironment);
            env.put("KC_VAULT_DIR", vault.toAbsolutePath().toString());
            return KeycloakServer.startProduction(repositoryRoot, keycloakHome, workDir.resolve("keycloak"), env, extraKeycloakOptions);
        });
    }

    /**
     * As {@link #start(Path, Path, Path, List)}, on two Keycloak nodes ({@link KeycloakCluster}:
     * {@code production/cluster.sh}, PostgreSQL of its own under {@code workDir/cluster}); the demo
     * realm is imported through the cluster's load balancer, which {@link #keycloak()} is (routing to
     * node A until told otherwise); {@link #cluster()} has both nodes.
     */
    public static TestEnvironment startCluster(Path repositoryRoot, Path keycloakHome, Path realmConfig, Path workDir,
                                               List<String> extraKeycloakOptions) throws IOException, InterruptedException {
        KeycloakCluster[] started = new KeycloakCluster[1];
        try {
            TestEnvironment environment = start(realmConfig, workDir, true, vault -> {
                started[0] = KeycloakCluster.of(repositoryRoot, keycloakHome, workDir.resolve("cluster"), vault, extraKeycloakOptions);
                started[0].start();
                return started[0].server();
            });
            environment.cluster = started[0];
            return environment;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (started[0] != null) {
                started[0].close();
            }
            throw e;
        }
    }

    /** The two nodes, when {@link #startCluster} started this run. */
    public KeycloakCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("not a cluster run");
        }
        return cluster;
    }

    /** Stops both nodes and starts the cluster again (same ports, same database); the admin clients log in afresh. */
    public void restartCluster() throws IOException, InterruptedException {
        cluster().restart();
        admin.reconnect();
        closeKeycloakAdmin();
    }

    /** How a run starts its Keycloak, given the vault folder the demo realm's entries were written to. */
    private interface KeycloakStarter {
        KeycloakServer start(Path vault) throws IOException, InterruptedException;
    }

    private static TestEnvironment start(Path realmConfig, Path workDir, boolean importDemoRealm, KeycloakStarter starter)
            throws IOException, InterruptedException {
        EsiaEmulator emulator = EsiaEmulator.start(EmulatorConfig.load(realmConfig.resolve("esia-emulator.json")), 0);
        MailServer mail = null;
        try {
            mail = MailServer.startOnFreePort();
            Path vault = workDir.resolve("vault");
            DemoRealm.writeVault(realmConfig, vault);
            TestEnvironment environment = new TestEnvironment(realmConfig, emulator, mail, starter.start(vault));
            if (importDemoRealm) {
                environment.resetRealm();
            } else {
                mail.start();
            }
            return environment;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (mail != null) {
                mail.close();
            }
            emulator.stop();
            throw e;
        }
    }

    /**
     * Re-imports the demo realm: each test class starts from the state the run command has. The
     * mail server runs (again) with empty mailboxes, and the realm sends its mail there.
     */
    public void resetRealm() throws IOException {
        mail.start();
        mail.reset();
        admin.importRealm(demoRealm());
    }

    /**
     * The demo realm as the tests import it: emulator URL and SMTP server of this run, the users'
     * passwords already hashed ({@link StoredPasswords}).
     */
    public ObjectNode demoRealm() throws IOException {
        ObjectNode realm = DemoRealm.load(realmConfig, emulator.baseUrl(), mail);
        StoredPasswords.store(realm);
        return realm;
    }

    /**
     * Stops Keycloak gracefully and starts it again on the same ports and database (URLs held by
     * tests stay valid; the realm is not imported again). The admin client logs in afresh; other
     * HTTP clients should not rely on connections opened before.
     */
    public void restartKeycloak() throws IOException, InterruptedException {
        restartKeycloak(() -> { });
    }

    /** As {@link #restartKeycloak()}, running {@code whileStopped} between the stop and the start. */
    public void restartKeycloak(KeycloakServer.WhileStopped whileStopped) throws IOException, InterruptedException {
        keycloak.restart(whileStopped);
        admin.reconnect();
        closeKeycloakAdmin();
    }

    public EsiaEmulator emulator() {
        return emulator;
    }

    /** The SMTP server the demo realm sends its mail to. */
    public MailServer mail() {
        return mail;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** Keycloak's admin REST API as raw JSON; new tests use {@link #realmAdmin()}. */
    public AdminClient admin() {
        return admin;
    }

    /** Keycloak's typed admin client ({@code keycloak-admin-client}), as the master realm's admin. */
    public synchronized Keycloak keycloakAdmin() {
        if (keycloakAdmin == null) {
            keycloakAdmin = KeycloakBuilder.builder().serverUrl(keycloak.baseUrl()).realm("master").clientId("admin-cli")
                    .username(KeycloakServer.ADMIN_USER).password(KeycloakServer.ADMIN_PASSWORD).build();
        }
        return keycloakAdmin;
    }

    /** The demo realm through the typed admin client. */
    public RealmAdmin realmAdmin() {
        return new RealmAdmin(keycloakAdmin().realm(DemoRealm.NAME));
    }

    private synchronized void closeKeycloakAdmin() {
        if (keycloakAdmin != null) {
            keycloakAdmin.close();
            keycloakAdmin = null;
        }
    }

    public Path realmConfig() {
        return realmConfig;
    }

    /** A fresh browser (no cookies) that stops where the demo client would receive its code. */
    public Browser browser() {
        return new Browser(url -> url.startsWith(DemoRealm.CLIENT_REDIRECT));
    }

    /** The relying application's login URL for the demo client. */
    public String clientLoginUrl() {
        return keycloak.realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/auth?client_id=" + DemoRealm.CLIENT_ID
                + "&response_type=code&scope=openid&redirect_uri=" + java.net.URLEncoder.encode(DemoRealm.CLIENT_REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                + "&state=rp-state-1";
    }

    /** Changes settings of the demo realm's {@code esia} identity provider, as an admin would in the console. */
    public void updateEsiaConfig(java.util.Map<String, String> changes) {
        org.keycloak.admin.client.resource.IdentityProviderResource esia = realmAdmin().realm().identityProviders().get("esia");
        org.keycloak.representations.idm.IdentityProviderRepresentation idp = esia.toRepresentation();
        idp.getConfig().putAll(changes);
        esia.update(idp);
    }

    public com.fasterxml.jackson.databind.JsonNode esiaConfig() {
        return admin.get("/realms/" + DemoRealm.NAME + "/identity-provider/instances/esia").get("config");
    }

    @Override
    public void close() {
        closeKeycloakAdmin();
        try {
            keycloak.close();
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            try {
                mail.close();
            } finally {
                emulator.stop();
            }
        }
    }
}
