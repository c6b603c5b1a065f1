package org.schoolesia.school.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 14: a refusal for good gives an e-mail up at once; an outage is retried, boundedly. */
class MailFailureTest {

    /** Jakarta Mail's name for an address it cannot parse. */
    static final class AddressException extends Exception {
        AddressException(String message) {
            super(message);
        }
    }

    /** Freemarker's name for a template the theme does not have. */
    static final class TemplateNotFoundException extends Exception {
        TemplateNotFoundException(String message) {
            super(message);
        }
    }

    @Test
    void aMailboxRefusedWith550IsPermanentAndSaysTheReply() {
        Exception smtp = new Exception("550 5.1.1 <nobody@example.ru>: mailbox unavailable\n");
        Exception chain = new RuntimeException(new Exception("jakarta.mail.SendFailedException: Invalid Addresses",
                new Exception("Invalid Addresses", smtp)));
        MailFailure failure = MailFailure.of(chain);
        assertTrue(failure.permanent());
        assertEquals("SMTP 550 5.1.1 <nobody@example.ru>: mailbox unavailable", failure.reason());
    }

    @Test
    void a4xxReplyOrAConnectionRefusedIsTransient() {
        assertFalse(MailFailure.of(new RuntimeException(new Exception("421 4.3.2 Service not available, closing channel"))).permanent());
        assertFalse(MailFailure.of(new RuntimeException(new ConnectException("Connection refused"))).permanent());
    }

    @Test
    void anUnparsableAddressOrAMissingTemplateIsPermanent() {
        assertTrue(MailFailure.of(new RuntimeException(new AddressException("Missing final '@domain'"))).permanent());
        assertTrue(MailFailure.of(new Exception("Failed to template email", new TemplateNotFoundException("no such template"))).permanent());
    }

    @Test
    void retriesAreBoundedAndAPermanentFailureEndsThemAtOnce() {
        MailBackoff backoff = new MailBackoff(Duration.ofSeconds(60), Duration.ofMinutes(10), 5);
        assertFalse(backoff.givesUp(4, false));
        assertTrue(backoff.givesUp(5, false));
        assertTrue(backoff.givesUp(1, true));
        assertEquals(MailBackoff.DEFAULT_MAX_ATTEMPTS, new MailBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2)).maxAttempts());
    }
}
