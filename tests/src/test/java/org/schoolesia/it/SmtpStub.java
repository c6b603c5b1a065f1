package org.schoolesia.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server on a free loopback port that speaks real SMTP but never takes a message: it
 * refuses every recipient for good ({@code 550 5.1.1}), or, while {@link #busy} is set, answers each
 * connection with {@code 421} (a transient refusal) and hangs up. It counts the refusals it gave.
 */
final class SmtpStub implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger recipientsRefused = new AtomicInteger();
    private final AtomicInteger busyRefusals = new AtomicInteger();
    volatile boolean busy;

    SmtpStub() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "smtp-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int recipientsRefused() {
        return recipientsRefused.get();
    }

    int busyRefusals() {
        return busyRefusals.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                converse(socket);
            } catch (IOException e) {
                // closed, or a client that went away: next one
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        if (busy) {
            busyRefusals.incrementAndGet();
            say(out, "421 4.3.2 Service not available, closing transmission channel");
            return;
        }
        say(out, "220 smtp-stub ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO" -> say(out, "250 smtp-stub");
                case "MAIL", "RSET", "NOOP" -> say(out, "250 2.0.0 OK");
                case "RCPT" -> {
                    recipientsRefused.incrementAndGet();
                    say(out, "550 5.1.1 " + line.substring(line.indexOf(':') + 1).strip() + ": mailbox unavailable");
                }
                case "DATA" -> say(out, "554 5.5.1 No valid recipients");
                case "QUIT" -> {
                    say(out, "221 2.0.0 Bye");
                    return;
                }
                default -> say(out, "502 5.5.2 Command not recognized");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
