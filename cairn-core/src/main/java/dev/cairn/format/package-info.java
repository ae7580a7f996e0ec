/**
 * The byte-exact text formats DVC's files need: {@link dev.cairn.format.PyJson} (Python's {@code
 * json.dumps}), {@link dev.cairn.format.PyRepr} (Python's float repr), {@link
 * dev.cairn.format.YamlWriter} (ruamel's block style), {@link dev.cairn.format.StructuredFiles}
 * (reading YAML 1.2, JSON and TOML with limits) and {@link dev.cairn.format.CodePointOrder}
 * (Python's string order). No DVC concepts here: only formats.
 */
package dev.cairn.format;
