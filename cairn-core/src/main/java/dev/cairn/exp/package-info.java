/**
 * Experiments ({@code exp run|save|show|diff|apply|branch|remove|push|pull}): variations of a
 * pipeline run from a baseline commit and saved as Git commits under DVC's {@code refs/exps/…} layout
 * (dvc-format.md §8), without moving HEAD or the user's branches.
 */
package dev.cairn.exp;
