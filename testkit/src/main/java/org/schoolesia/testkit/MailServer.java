package org.schoolesia.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a free loopback port, where the demo realm's Keycloak sends
 * its mail. One instance serves a whole test run (see {@link TestEnvironment#mail()}).
 * <p>
 * {@link #stop()} and {@link #start()} simulate an SMTP outage: the server comes back on the same
 * port, so the realm's settings stay right, and mail received before the outage is kept.
 * Every recipient address gets a mailbox of its own on delivery; no accounts, no authentication.
 */
public final class MailServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private final int port;
    /** Mail received before the last {@link #stop()}: GreenMail forgets its store when it stops. */
    private final List<Mail> beforeOutage = new ArrayList<>();
    private GreenMail greenMail;

    private MailServer(int port) {
        this.port = port;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static MailServer startOnFreePort(Duration startupTimeout) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            MailServer server;
            try {
                server = new MailServer(KeycloakServer.freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                server.startOn(startupTimeout);
                return server;
            } catch (IllegalStateException portTakenMeanwhile) {
                last = portTakenMeanwhile;
            }
        }
        throw last;
    }

    public static MailServer startOnFreePort() {
        return startOnFreePort(Duration.ofSeconds(10));
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return greenMail != null && greenMail.isRunning();
    }

    /** Starts the server again after {@link #stop()}, on the same port. Does nothing if it runs. */
    public synchronized void start() {
        if (greenMail == null) {
            // The old server's sockets may take a moment to go.
            Instant deadline = Instant.now().plusSeconds(15);
            while (true) {
                try {
                    startOn(Duration.ofSeconds(10));
                    return;
                } catch (IllegalStateException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw notYet;
                    }
                    sleep(200);
                }
            }
        }
    }

    /** Stops the server (an SMTP outage: connections are refused); {@link #start()} brings it back. */
    public synchronized void stop() {
        if (greenMail != null) {
            beforeOutage.addAll(received());
            try {
                greenMail.stop();
            } finally {
                greenMail = null;
            }
        }
    }

    /** Forgets all mail received so far; the server keeps running (or stopped) as it is. */
    public synchronized void reset() {
        beforeOutage.clear();
        if (greenMail != null) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException("could not purge the test mailboxes", e);
            }
        }
    }

    /** All mail received (since the last {@link #reset()}), oldest first per recipient. */
    public synchronized List<Mail> messages() {
        List<Mail> all = new ArrayList<>(beforeOutage);
        if (greenMail != null) {
            all.addAll(received());
        }
        return all;
    }

    /** Mail delivered to {@code address} (the SMTP envelope recipient, case-insensitive), oldest first. */
    public List<Mail> messagesTo(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return messages().stream().filter(m -> m.recipient().toLowerCase(Locale.ROOT).equals(wanted)).toList();
    }

    /**
     * Waits until at least {@code count} messages were delivered to {@code address} and returns them
     * all; fails with what did arrive after {@code timeout}.
     */
    public List<Mail> awaitMessages(String address, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Mail> mail = messagesTo(address);
            if (mail.size() >= count) {
                return mail;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " message(s) to " + address + " within " + timeout.toMillis()
                        + " ms, got " + mail.size() + ": " + mail.stream().map(Mail::subject).toList()
                        + (isRunning() ? "" : " (the mail server is stopped)"));
            }
            sleep(100);
        }
    }

    /** Waits for one message to {@code address} and returns the newest. */
    public Mail awaitMessage(String address, Duration timeout) {
        List<Mail> mail = awaitMessages(address, 1, timeout);
        return mail.get(mail.size() - 1);
    }

    @Override
    public synchronized void close() {
        if (greenMail != null) {
            try {
                greenMail.stop();
            } finally {
                greenMail = null;
            }
        }
    }

    private void startOn(Duration startupTimeout) {
        ServerSetup setup = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(startupTimeout.toMillis());
        GreenMail server = new GreenMail(setup).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            server.start();
        } catch (RuntimeException e) {
            try {
                server.stop();
            } catch (RuntimeException ignored) {
                // it did not start
            }
            throw new IllegalStateException("could not start the SMTP server on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        greenMail = server;
    }

    private List<Mail> received() {
        List<Mail> mail = new ArrayList<>();
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            greenMail.findReceivedMessages(u -> u == user, m -> true)
                    .forEach(message -> mail.add(Mail.of(user.getEmail(), message)));
        }
        return mail;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One delivered message, decoded: {@code text} and {@code html} are the text/plain and
     * text/html parts (Keycloak sends multipart/alternative with both), line ends as {@code \n};
     * either is empty when the message has no such part.
     */
    public record Mail(String recipient, String from, String fromName, List<String> to, String subject, String text, String html,
                       MimeMessage raw) {

        static Mail of(String recipient, MimeMessage message) {
            try {
                String from = "";
                String fromName = "";
                Address[] froms = message.getFrom();
                if (froms != null && froms.length > 0 && froms[0] instanceof InternetAddress address) {
                    from = address.getAddress();
                    fromName = address.getPersonal() == null ? "" : address.getPersonal();
                }
                List<String> to = new ArrayList<>();
                Address[] tos = message.getRecipients(RecipientType.TO);
                if (tos != null) {
                    for (Address address : tos) {
                        to.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
                    }
                }
                StringBuilder text = new StringBuilder();
                StringBuilder html = new StringBuilder();
                collect(message, text, html);
                return new Mail(recipient, from, fromName, List.copyOf(to), message.getSubject() == null ? "" : message.getSubject(),
                        normalise(text), normalise(html), message);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("could not read a received message", e);
            }
        }

        private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
            if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                text.append(part.getContent());
            } else if (part.isMimeType("text/html")) {
                html.append(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), text, html);
                }
            }
        }

        private static String normalise(StringBuilder body) {
            return body.toString().replace("\r\n", "\n");
        }

        @Override
        public String toString() {
            return "Mail[to " + recipient + ", subject " + subject + "]";
        }
    }
}
