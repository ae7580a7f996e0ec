package dev.cairn.ci;

import java.util.Objects;

/**
 * How to publish a report as a check ({@code cairn check create}, {@code ci run --check}).
 *
 * @param forge the forge, repository, token and commit; by default from the CI run
 * @param name the check's name, which identifies it across reruns (CML's {@code --title})
 * @param publish whether to upload the report's local images and link them
 * @param publishUrl an asset server to upload images to instead of the forge, or null
 */
public record CheckRequest(ForgeRequest forge, String name, boolean publish, String publishUrl) {
  /** The name when none is given. */
  public static final String DEFAULT_NAME = "Cairn report";

  /** Defaults the name. */
  public CheckRequest {
    Objects.requireNonNull(forge, "forge");
    name = name == null || name.isBlank() ? DEFAULT_NAME : name;
  }

  /** The defaults: the CI run's forge and commit, name {@value #DEFAULT_NAME}, images published. */
  public static CheckRequest fromCi() {
    return new CheckRequest(ForgeRequest.fromCi(), DEFAULT_NAME, true, null);
  }
}
