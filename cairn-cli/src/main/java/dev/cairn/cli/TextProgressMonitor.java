package dev.cairn.cli;

import dev.cairn.progress.ProgressMonitor;
import java.io.PrintWriter;

/** A progress line on stderr, redrawn at most ten times a second. */
final class TextProgressMonitor implements ProgressMonitor {
  private final PrintWriter err;
  private String title;
  private long total;
  private long done;
  private long lastDraw;

  TextProgressMonitor(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void beginTask(String title, long totalWork) {
    this.title = title;
    this.total = totalWork;
    this.done = 0;
    this.lastDraw = 0;
  }

  @Override
  public void update(long completed) {
    done += completed;
    long now = System.nanoTime();
    if (now - lastDraw > 100_000_000L) {
      lastDraw = now;
      draw();
    }
  }

  private void draw() {
    if (total > 0) {
      int pct = (int) (100 * done / total);
      int bar = pct / 4;
      err.print("\r" + title + " [" + "#".repeat(bar) + " ".repeat(25 - bar) + "] " + done + "/" + total);
    } else {
      err.print("\r" + title + " " + done);
    }
    err.flush();
  }

  @Override
  public void endTask() {
    if (lastDraw != 0) {
      draw();
      err.print("\r\033[K");
      err.flush();
    }
  }
}
