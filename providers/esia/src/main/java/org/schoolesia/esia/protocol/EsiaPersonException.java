package org.schoolesia.esia.protocol;

/**
 * ESIA's person data could not be read. The message names the field or document but never
 * repeats its content, which is personal data.
 */
public class EsiaPersonException extends Exception {

    private static final long serialVersionUID = 1L;

    public EsiaPersonException(String message) {
        super(message);
    }
}
