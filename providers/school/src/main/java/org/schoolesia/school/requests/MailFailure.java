package org.schoolesia.school.requests;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.schoolesia.school.kernel.PureRule;

/**
 * Why an e-mail was not sent, and whether trying again can help. Permanent: the SMTP server answered
 * 5xx (550 unknown mailbox, 553 bad address…), the address cannot be parsed, or the e-mail theme has
 * no such template. Anything else (connection refused, time-out, 4xx) is transient: the outbox tries
 * again later. Read from the exception chain (Jakarta Mail's {@code MessagingException} chains its
 * nested exception as the cause), by names and reply codes: no mail library on our class path.
 */
@PureRule
public record MailFailure(boolean permanent, String reason) {

    /** An SMTP reply at the start of a message: "550 5.1.1 …". */
    private static final Pattern REPLY = Pattern.compile("^\\s*([245])(\\d\\d)[ -]");

    public static MailFailure of(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage() == null ? "" : c.getMessage();
            Matcher reply = REPLY.matcher(message);
            if (reply.find()) {
                String line = firstLine(message);
                return new MailFailure(reply.group(1).equals("5"), "SMTP " + line);
            }
            String name = c.getClass().getSimpleName();
            if (name.equals("AddressException")) {
                return new MailFailure(true, "invalid e-mail address: " + firstLine(message));
            }
            if (name.equals("TemplateNotFoundException") || message.startsWith("Failed to template email")) {
                return new MailFailure(true, "no e-mail template: " + firstLine(message));
            }
        }
        return new MailFailure(false, null);
    }

    private static String firstLine(String message) {
        String line = message.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end).strip();
    }
}
