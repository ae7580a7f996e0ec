package dev.cairn.forge.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one Jackson mapper of the module, with helpers for its JSON trees (the Python-compatible writer is core's format.PyJson). */
public final class JsonNodes {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonNodes() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Serialises a node. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise JSON", e);
    }
  }

  /** Parses bytes; throws {@link IllegalStateException} on malformed JSON. */
  public static JsonNode parse(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new IllegalStateException("empty body");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalStateException("not JSON", e);
    }
  }

  /** A text field or "" when absent or null. */
  public static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      n = n == null ? null : n.get(p);
    }
    return n == null || n.isNull() ? "" : n.asText();
  }
}
