package io.wharf.registry.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Basic authentication against an htpasswd file of bcrypt entries ({@code user:$2y$…}, as
 * {@code htpasswd -B} writes them; distribution accepts nothing else either). A bcrypt check
 * costs tens of milliseconds and a push makes dozens of requests, so a user's last good password
 * is remembered as an HMAC under a key that lives only in this process. Thread-safe.
 */
final class Htpasswd {
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  private final Map<String, String> hashes;
  private final Map<String, byte[]> remembered = new ConcurrentHashMap<>();
  private final SecretKeySpec key;

  private Htpasswd(Map<String, String> hashes) {
    this.hashes = Map.copyOf(hashes);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Reads {@code file}; refuses entries that are not bcrypt, naming the line. */
  static Htpasswd load(Path file) throws IOException {
    Map<String, String> hashes = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String hash = colon < 0 ? "" : line.substring(colon + 1);
      if (colon <= 0 || !BCRYPT.matcher(hash).matches()) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": not user:bcrypt-hash (use htpasswd -B)");
      }
      hashes.put(line.substring(0, colon), hash);
    }
    return new Htpasswd(hashes);
  }

  /** True when {@code authorization} is {@code Basic} credentials of a user of the file. */
  boolean permits(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && check(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  boolean check(String user, String password) {
    String hash = hashes.get(user);
    if (hash == null) {
      return false;
    }
    byte[] mac = mac(user, password);
    byte[] known = remembered.get(user);
    if (known != null && MessageDigest.isEqual(known, mac)) {
      return true;
    }
    // jBCrypt knows only the $2a$ prefix; $2b$ and $2y$ name the same hash for sane passwords
    boolean ok = BCrypt.checkpw(password, "$2a$" + hash.substring(4));
    if (ok) {
      remembered.put(user, mac);
    }
    return ok;
  }

  private byte[] mac(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((user + '\0' + password).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
