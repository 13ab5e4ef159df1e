package io.wharf.cli.auth;

import io.wharf.client.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The credentials for one registry, as docker's {@code registry.AuthConfig}: a user name and
 * password, or an identity token, and the server they are for ({@code https://index.docker.io/v1/}
 * or {@code host[:port]}). Immutable.
 *
 * @param username the user name, or empty
 * @param password the password or personal access token, or empty
 * @param identityToken an identity (refresh) token, or empty
 * @param serverAddress the key the credentials are stored under
 */
public record AuthConfig(String username, String password, String identityToken, String serverAddress) {
  public AuthConfig {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    identityToken = identityToken == null ? "" : identityToken;
    serverAddress = serverAddress == null ? "" : serverAddress;
  }

  /** No credentials, for {@code serverAddress}. */
  public static AuthConfig anonymous(String serverAddress) {
    return new AuthConfig("", "", "", serverAddress);
  }

  public boolean isEmpty() {
    return username.isEmpty() && password.isEmpty() && identityToken.isEmpty();
  }

  /**
   * The {@code X-Registry-Auth} header: URL-safe base64 (padded, as Go's
   * {@code base64.URLEncoding}) of the JSON docker sends, empty fields left out. Docker sends
   * {@code {}} when it has nothing, so do we.
   */
  public String header() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (!isEmpty()) {
      put(json, "username", username);
      put(json, "password", password);
      put(json, "serveraddress", serverAddress);
      put(json, "identitytoken", identityToken);
    }
    return Base64.getUrlEncoder().encodeToString(JsonValues.write(json).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code X-Registry-Config} header of a build: URL-safe base64 of a JSON object from
   * server address to the {@link #loginBody()} of its credentials ({@code {}} when none).
   */
  public static String buildHeader(Map<String, AuthConfig> byServer) {
    Map<String, Object> json = new LinkedHashMap<>();
    byServer.forEach((server, auth) -> json.put(server, auth.loginBody()));
    return Base64.getUrlEncoder().encodeToString(JsonValues.write(json).getBytes(StandardCharsets.UTF_8));
  }

  /** The body of {@code POST /auth}: docker's AuthConfig, without the empty fields. */
  public Map<String, Object> loginBody() {
    Map<String, Object> json = new LinkedHashMap<>();
    put(json, "username", username);
    put(json, "password", password);
    put(json, "serveraddress", serverAddress);
    put(json, "identitytoken", identityToken);
    return json;
  }

  private static void put(Map<String, Object> json, String key, String value) {
    if (!value.isEmpty()) {
      json.put(key, value);
    }
  }

  /** Not the password: a record's default toString would end up in logs. */
  @Override
  public String toString() {
    return "AuthConfig[username=" + username + ", serverAddress=" + serverAddress
        + (identityToken.isEmpty() ? "" : ", identity token") + "]";
  }
}
