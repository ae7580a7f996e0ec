package dev.cairn.forge.internal;

import dev.cairn.forge.CheckResult;
import java.util.Objects;

/**
 * What a forge did with a {@link StatusUpdate}.
 *
 * @param kind commit status, or (Azure DevOps) pull request status as well
 * @param id the status's id, empty where the forge returns none
 * @param url the target URL the status links to
 * @param replaced whether the forge said it replaced a status of the same name
 */
public record StatusOutcome(CheckResult.Kind kind, String id, String url, boolean replaced) {
  /** Checks for nulls. */
  public StatusOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
  }
}
