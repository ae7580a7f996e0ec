/**
 * The Cairn wrapper, after the Maven wrapper: {@link dev.cairn.wrapper.WrapperCommand} writes
 * {@code cairnw} (POSIX sh), {@code cairnw.cmd} (Windows) and {@code .cairn/wrapper.properties}
 * ({@link dev.cairn.wrapper.WrapperProperties}: the distribution's URL and SHA-256) into a
 * repository, so that CI and every clone run the Cairn version the repository pins. The default URL
 * follows the Maven repository layout of the release archive,
 * {@code <base>/dev/cairn/cairn-dist/<version>/cairn-dist-<version>.tar.gz}. Nothing here depends on
 * the rest of the library: the scripts are resources of this package.
 */
package dev.cairn.wrapper;
