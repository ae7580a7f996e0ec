package dev.cairn.storage.azure;

import dev.cairn.storage.Redact;
import dev.cairn.storage.RemoteProps;
import dev.cairn.storage.StorageException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Azure remote's settings, parsed once from the URL, DVC's config keys and, for unset keys,
 * DVC's environment variables.
 *
 * @param timeout limit for one try of a request ({@code timeout}); {@code null} for the SDK default
 */
record AzureProperties(
    String container,
    String prefix,
    String connectionString,
    String accountName,
    String accountKey,
    String sasToken,
    boolean allowAnonymous,
    Duration timeout,
    Duration readTimeout,
    Duration connectTimeout) {

  static final String CONNECTION_STRING = "connection_string";
  static final String ACCOUNT_NAME = "account_name";
  static final String ACCOUNT_KEY = "account_key";
  static final String SAS_TOKEN = "sas_token";
  static final String ALLOW_ANONYMOUS_LOGIN = "allow_anonymous_login";
  static final String TIMEOUT = "timeout";
  static final String READ_TIMEOUT = "read_timeout";
  static final String CONNECTION_TIMEOUT = "connection_timeout";

  static final String ENV_CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
  static final String ENV_ACCOUNT = "AZURE_STORAGE_ACCOUNT";
  static final String ENV_KEY = "AZURE_STORAGE_KEY";
  static final String ENV_SAS_TOKEN = "AZURE_STORAGE_SAS_TOKEN";

  static AzureProperties parse(URI uri, Map<String, String> props, Map<String, String> env) throws StorageException {
    String container = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
    if (container == null || container.isBlank()) {
      throw new StorageException("Invalid Azure remote URL '" + Redact.url(uri.toString())
          + "': expected azure://container/prefix");
    }
    String prefix = uri.getPath() == null ? "" : uri.getPath();
    prefix = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
    String cs = first(props.get(CONNECTION_STRING), env.get(ENV_CONNECTION_STRING));
    String account = first(props.get(ACCOUNT_NAME), env.get(ENV_ACCOUNT));
    String key = first(props.get(ACCOUNT_KEY), env.get(ENV_KEY));
    String sas = first(props.get(SAS_TOKEN), env.get(ENV_SAS_TOKEN));
    boolean anonymous = RemoteProps.bool(props, ALLOW_ANONYMOUS_LOGIN, false, "Azure");
    if (cs == null && account == null) {
      throw new StorageException("No Azure storage account for azure://" + container
          + ": set the remote's connection_string or account_name (or " + ENV_CONNECTION_STRING + ", "
          + ENV_ACCOUNT + ")");
    }
    if (cs == null && key == null && sas == null && !anonymous) {
      throw new StorageException("No Azure credentials for azure://" + container + ": set the remote's account_key, "
          + "sas_token or connection_string (or " + ENV_KEY + "), or allow_anonymous_login for a public container");
    }
    return new AzureProperties(container, prefix, cs, account, key, sas, anonymous, RemoteProps.seconds(props, TIMEOUT, "Azure"),
        RemoteProps.seconds(props, READ_TIMEOUT, "Azure"), RemoteProps.seconds(props, CONNECTION_TIMEOUT, "Azure"));
  }

  /** The blob name of a storage key. */
  String blobName(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** {@code azure://container/prefix}, for messages. */
  String describe() {
    return "azure://" + container + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** Secret values to keep out of every message, including the parts of a connection string. */
  List<String> secrets() {
    List<String> s = new ArrayList<>();
    s.add(accountKey);
    s.add(sasToken);
    if (sasToken != null && sasToken.startsWith("?")) {
      s.add(sasToken.substring(1));
    }
    if (connectionString != null) {
      s.add(connectionString);
      for (String part : connectionString.split(";")) {
        int eq = part.indexOf('=');
        String name = eq < 0 ? "" : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (name.equals("accountkey") || name.equals("sharedaccesssignature")) {
          s.add(part.substring(eq + 1).trim());
        }
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String first(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.trim();
    }
    return b != null && !b.isBlank() ? b.trim() : null;
  }

}
