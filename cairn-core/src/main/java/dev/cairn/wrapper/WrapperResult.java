package dev.cairn.wrapper;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link WrapperCommand#call()} wrote.
 *
 * @param properties the pinned URL and SHA-256
 * @param origin where the URL came from, for the user ("--distribution-url", "repository base from
 *     CAIRN_REPOSITORY_URL", "the local Maven repository …")
 * @param publishedChecksum whether a {@code .sha256} beside the archive confirmed the digest
 * @param files the files written, in order: {@code cairnw}, {@code cairnw.cmd}, the properties
 */
public record WrapperResult(WrapperProperties properties, String origin, boolean publishedChecksum, List<Path> files) {
  public WrapperResult {
    files = List.copyOf(files);
  }
}
