package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft's JSON schema of Azure Pipelines YAML ({@code azure-pipelines/service-schema.json}, a
 * copy with its source in {@code SOURCE.md} beside it), applied with networknt's validator.
 */
final class AzurePipelinesSchema {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Schema schema;

  private AzurePipelinesSchema() {}

  private static synchronized Schema schema() {
    if (schema == null) {
      try (InputStream in = AzurePipelinesSchema.class.getResourceAsStream("/azure-pipelines/service-schema.json")) {
        schema = SchemaRegistry.withDialect(Dialects.getDraft7()).getSchema(in, InputFormat.JSON);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }

  /**
   * The schema's complaints about a parsed YAML document (maps, lists, scalars); empty when it
   * conforms. Scalars are checked as strings: Azure Pipelines reads every YAML scalar as a string
   * and the schema is written that way (fetchDepth: 0 is the string "0" to it).
   */
  static List<String> errors(Object yaml) {
    JsonNode doc = MAPPER.valueToTree(scalarsAsStrings(yaml));
    List<String> out = new ArrayList<>();
    for (Error e : schema().validate(doc)) {
      out.add(e.toString());
    }
    return out;
  }

  private static Object scalarsAsStrings(Object o) {
    if (o instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), scalarsAsStrings(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(scalarsAsStrings(v)));
      return out;
    }
    return o == null ? null : String.valueOf(o);
  }
}
