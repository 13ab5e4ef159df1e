package io.wharf.registry.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Credentials for one registry, as {@code config.json} holds them: a user name and password,
 * or an identity token (an OAuth2 refresh token, which a credential helper reports with the
 * user name {@code <token>}). Immutable.
 *
 * @param username the user name, or null with an identity token
 * @param password the password or access token, or null with an identity token
 * @param identityToken the refresh token, or null
 */
public record Auth(String username, String password, String identityToken) {
  /** A user name and password. */
  public static Auth basic(String username, String password) {
    return new Auth(username, password, null);
  }

  /** The {@code Authorization} header value for Basic auth. */
  String basicHeader() {
    String pair = (username == null ? "" : username) + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Not the password: a record's default toString would end up in logs. */
  @Override
  public String toString() {
    return "Auth[username=" + username + (identityToken != null ? ", identity token" : "") + "]";
  }
}
