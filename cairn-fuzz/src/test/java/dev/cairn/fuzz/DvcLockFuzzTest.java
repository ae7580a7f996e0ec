package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.PipelineException;

/** {@code dvc.lock}: a lock back (which writes and reads back to the same stages), or {@link PipelineException}. */
class DvcLockFuzzTest {
  @FuzzTest(maxDuration = Fuzz.DURATION)
  void dvcLock(byte[] input) {
    check(input);
  }

  /** The property, also run by {@link ParsersFuzzTest}. */
  static void check(byte[] input) {
    LockFile lock;
    try {
      lock = LockFile.parse(Fuzz.text(input), "dvc.lock");
    } catch (PipelineException e) {
      Fuzz.checkMessage(e);
      return;
    }
    String yaml = lock.toYaml();
    LockFile again;
    try {
      again = LockFile.parse(yaml, "dvc.lock (rewritten)");
    } catch (PipelineException e) {
      throw new AssertionError("our own dvc.lock is refused:\n" + yaml, e);
    }
    if (!again.stageNames().equals(lock.stageNames())) {
      throw new AssertionError("round trip changed the stages:\n" + yaml);
    }
  }
}
