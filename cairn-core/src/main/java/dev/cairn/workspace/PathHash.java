package dev.cairn.workspace;

import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Manifest;
import java.nio.file.Path;
import java.util.Map;

/**
 * The hash of a workspace path: a file ({@code manifest} null) or a directory (with its manifest
 * and the absolute path of each entry).
 *
 * @param size bytes of the file, or total bytes of the directory's files
 * @param nfiles number of files of a directory, 0 for a file
 * @param isExec whether a file has its executable bit set
 */
public record PathHash(HashInfo hash, long size, int nfiles, boolean isExec, Manifest manifest, Map<String, Path> files) {
  public boolean isDir() {
    return manifest != null;
  }
}
