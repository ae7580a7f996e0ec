package dev.cairn.transfer;

import dev.cairn.hash.HashInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What a push or fetch did. Counts are of objects, as DVC counts them: a directory of two files is
 * three objects (the {@code .dir} and the two files).
 *
 * @param transferred objects copied
 * @param alreadyPresent objects the destination already had
 * @param bytes bytes copied
 * @param failures objects that could not be copied, each with its reason
 */
public record TransferResult(int transferred, int alreadyPresent, long bytes, List<Failure> failures) {
  /** One object that could not be copied ({@code object} is null for run-cache entries, named in the reason). */
  public record Failure(HashInfo object, String reason) {}

  public TransferResult {
    failures = List.copyOf(failures);
  }

  /** An empty result. */
  public static TransferResult empty() {
    return new TransferResult(0, 0, 0, List.of());
  }

  /** Whether every object was copied or already there. */
  public boolean isOk() {
    return failures.isEmpty();
  }

  /** The sum of two results (several remotes). */
  public TransferResult plus(TransferResult o) {
    List<Failure> f = new ArrayList<>(failures);
    f.addAll(o.failures);
    return new TransferResult(transferred + o.transferred, alreadyPresent + o.alreadyPresent, bytes + o.bytes, f);
  }
}
