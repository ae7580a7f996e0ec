package dev.cairn.forge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An HTTP response whose body has been read.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body raw body
 */
public record Response(int status, HttpHeaders headers, byte[] body) {
  /** The first value of a header, case-insensitively. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the status is 2xx. */
  public boolean ok() {
    return status / 100 == 2;
  }

  /**
   * The body parsed as JSON.
   *
   * @throws IllegalStateException if it is not JSON; {@link RestClient#json} turns that into a
   *     user-facing error
   */
  public JsonNode json() {
    return JsonNodes.parse(body);
  }
}
