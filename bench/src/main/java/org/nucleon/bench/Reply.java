package org.nucleon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A response; the body is parsed only when a scenario needs it, outside the timed section. */
record Reply(int status, byte[] body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Short description for the report's first-error column. */
    String describe() {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return status + " " + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
    }
}
