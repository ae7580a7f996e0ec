/**
 * Git's merge driver for DVC's files: {@link dev.cairn.merge.MetafileMerge} merges {@code dvc.lock},
 * {@code .dvc} files and {@code .dir} manifests entry by entry (a directory output changed on both
 * sides through its manifests in the cache), {@link dev.cairn.merge.MergeDriver} is what Git runs
 * ({@code %O %A %B %P}), {@link dev.cairn.merge.MergeDriverInstall} registers it in
 * {@code .gitattributes} and the Git config. Sits on {@code odb}, {@code hash} and {@code format}.
 */
package dev.cairn.merge;
