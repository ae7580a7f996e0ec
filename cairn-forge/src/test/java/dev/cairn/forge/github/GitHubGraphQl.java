package dev.cairn.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.forge.stub.StubServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one GraphQL call the client makes, held to GitHub's GraphQL reference (the OpenAPI
 * description covers REST only):
 *
 * <ul>
 *   <li>{@code POST /graphql} (Enterprise: {@code /api/graphql}) with a JSON body {@code {"query",
 *       "variables"}}: https://docs.github.com/en/graphql/guides/forming-calls-with-graphql;
 *   <li>mutation {@code enablePullRequestAutoMerge(input: EnablePullRequestAutoMergeInput!)}:
 *       https://docs.github.com/en/graphql/reference/mutations#enablepullrequestautomerge; input
 *       fields {@code authorEmail}, {@code clientMutationId}, {@code commitBody}, {@code
 *       commitHeadline}, {@code expectedHeadOid}, {@code mergeMethod}, {@code pullRequestId}
 *       (required, an {@code ID}): .../input-objects#enablepullrequestautomergeinput;
 *   <li>{@code mergeMethod} is a {@code PullRequestMergeMethod}: {@code MERGE}, {@code SQUASH},
 *       {@code REBASE} (.../enums#pullrequestmergemethod);
 *   <li>the answer is {@code {"data": ...}} and, on failure, {@code "errors": [{"type", "message",
 *       "path"}]} with HTTP 200 (.../guides/forming-calls-with-graphql#...).
 * </ul>
 */
final class GitHubGraphQl {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> INPUT = Set.of("authorEmail", "clientMutationId", "commitBody",
      "commitHeadline", "expectedHeadOid", "mergeMethod", "pullRequestId");
  private static final Set<String> METHODS = Set.of("MERGE", "SQUASH", "REBASE");
  private static final Pattern CALL =
      Pattern.compile("enablePullRequestAutoMerge\\(input:\\s*\\{([^}]*)}\\)");
  private static final Pattern DECL = Pattern.compile("\\$(\\w+):\\s*([\\w!\\[\\]]+)");

  private GitHubGraphQl() {}

  static List<String> check(StubServer.Exchange x) {
    List<String> errors = new ArrayList<>();
    StubServer.Request req = x.request();
    if (!req.method().equals("POST")) {
      errors.add("GraphQL takes POST, got " + req.method());
      return errors;
    }
    if (!req.header("content-type").startsWith("application/json")) {
      errors.add("GraphQL body must be JSON, got " + req.header("content-type"));
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(req.body());
    } catch (IOException e) {
      errors.add("GraphQL body is not JSON");
      return errors;
    }
    body.fieldNames().forEachRemaining(f -> {
      if (!Set.of("query", "variables", "operationName").contains(f)) {
        errors.add("GraphQL body field '" + f + "' is not part of a GraphQL request");
      }
    });
    String query = body.path("query").asText();
    Matcher call = CALL.matcher(query);
    if (!query.trim().startsWith("mutation") || !call.find()) {
      errors.add("expected a mutation calling enablePullRequestAutoMerge(input: {...})");
      return errors;
    }
    Matcher decl = DECL.matcher(query.substring(0, query.indexOf('{')));
    Map<String, String> types = new HashMap<>();
    while (decl.find()) {
      types.put(decl.group(1), decl.group(2));
    }
    boolean hasId = false;
    for (String part : call.group(1).split(",")) {
      String[] kv = part.split(":");
      String field = kv[0].trim();
      String value = kv.length > 1 ? kv[1].trim() : "";
      if (!INPUT.contains(field)) {
        errors.add("EnablePullRequestAutoMergeInput has no field '" + field + "'");
      }
      if (field.equals("pullRequestId")) {
        hasId = true;
        if (!"ID!".equals(types.get(value.replace("$", "")))) {
          errors.add("pullRequestId must be bound to a variable of type ID!");
        }
      }
      if (field.equals("mergeMethod") && value.startsWith("$")
          && !"PullRequestMergeMethod!".equals(types.get(value.substring(1)))) {
        errors.add("mergeMethod must be bound to a PullRequestMergeMethod");
      }
      if (value.startsWith("$")) {
        JsonNode v = body.path("variables").path(value.substring(1));
        if (v.isMissingNode() || v.isNull() || v.asText().isEmpty()) {
          errors.add("variable " + value + " is not given");
        }
        if (field.equals("mergeMethod") && !METHODS.contains(v.asText())) {
          errors.add("mergeMethod '" + v.asText() + "' is not a PullRequestMergeMethod");
        }
      }
    }
    if (!hasId) {
      errors.add("EnablePullRequestAutoMergeInput.pullRequestId is required");
    }
    StubServer.Reply reply = x.reply();
    if (reply.status() == 200) {
      try {
        JsonNode r = MAPPER.readTree(reply.body());
        if (!r.has("data") && !r.has("errors")) {
          errors.add("GraphQL answer has neither data nor errors");
        }
        for (JsonNode e : r.path("errors")) {
          if (!e.has("message")) {
            errors.add("GraphQL error without message");
          }
        }
      } catch (IOException e) {
        errors.add("stubbed GraphQL answer is not JSON");
      }
    }
    return errors;
  }
}
