package dev.cairn.progress;

/** A monitor that ignores everything; the default of every command. */
public enum NullProgressMonitor implements ProgressMonitor {
  INSTANCE;

  @Override
  public void beginTask(String title, long totalWork) {}

  @Override
  public void update(long completed) {}

  @Override
  public void endTask() {}
}
