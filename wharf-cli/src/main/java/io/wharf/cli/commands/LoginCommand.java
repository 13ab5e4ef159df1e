package io.wharf.cli.commands;

import io.wharf.cli.auth.AuthConfig;
import io.wharf.cli.auth.DockerConfigFile;
import io.wharf.cli.auth.RegistryKeys;
import io.wharf.client.ApiException;
import io.wharf.client.Response;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wharf login}: the credentials checked by the daemon ({@code POST /auth}) and kept in
 * docker's {@code config.json} (or its credential helper) under {@code https://index.docker.io/v1/}
 * for Docker Hub, the server's host otherwise. Without {@code -u}/{@code -p} it first tries
 * what is stored, then asks on the terminal. Docker Hub's web (device-code) login is not
 * offered: Wharf asks for a user name and password or token instead.
 */
public final class LoginCommand extends WharfCommand {
  /** Null when not given: docker checks which flags were given before it looks at their values. */
  @Flag(names = {"-p", "--password"}, label = "string", description = "Password or Personal Access Token (PAT)")
  String password;

  @Flag(names = "--password-stdin", description = "Take the Password or Personal Access Token (PAT) from stdin")
  boolean passwordStdin;

  @Flag(names = {"-u", "--username"}, label = "string", description = "Username")
  String username;

  @Override
  public String usageArgs() {
    return "[OPTIONS] [SERVER]";
  }

  @Override
  public String description() {
    return "Authenticate to a registry";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 1);
    try {
      return login();
    } catch (LoginFailure e) {
      return fail(e.getMessage());
    }
  }

  private int login() throws IOException, LoginFailure {
    // docker 28's verifyLoginFlags, before anything is printed or read
    if (passwordStdin && password != null) {
      return fail("conflicting options: cannot specify both --password and --password-stdin");
    }
    if (passwordStdin && username == null) {
      return fail("the --password-stdin option requires --username to be set");
    }
    if (username != null && username.isEmpty()) {
      return fail("username is empty");
    }
    if (password != null && password.isEmpty()) {
      return fail("password is empty");
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    if (!password.isEmpty()) {
      ctx.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    }
    if (passwordStdin) {
      String read = new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
      read = read.endsWith("\n") ? read.substring(0, read.length() - 1) : read;
      password = read.endsWith("\r") ? read.substring(0, read.length() - 1) : read;
    }
    String server = RegistryKeys.forLogin(args.isEmpty() ? "" : args.get(0));
    boolean hub = server.equals(RegistryKeys.INDEX_SERVER);
    String key = hub ? server : RegistryKeys.hostname(server);
    DockerConfigFile config = DockerConfigFile.load(ctx.env());

    String status = null;
    AuthConfig stored = AuthConfig.anonymous(key);
    if (username.isEmpty() && password.isEmpty()) {
      Optional<AuthConfig> found = config.get(key);
      stored = found.map(a -> new AuthConfig(a.username(), a.password(), "", key)).orElse(stored);
    }
    if (!stored.username().isEmpty() && !stored.password().isEmpty()) {
      status = withStored(config, stored);
    }
    if (status == null) {
      AuthConfig typed = ask(stored.username(), key);
      if (typed == null) {
        return 1;
      }
      Map<String, Object> answer = authenticate(typed);
      save(config, withToken(typed, answer), true);
      status = text(answer, "Status");
    }
    if (!status.isEmpty()) {
      ctx.out().println(status);
    }
    return 0;
  }

  /** docker's {@code loginWithStoredCredentials}: the status, or null when they no longer work. */
  private String withStored(DockerConfigFile config, AuthConfig stored) throws IOException, LoginFailure {
    // docker 28 prints this to stderr, its note in the plain form it takes off a terminal
    ctx.err().print("Authenticating with existing credentials... [Username: " + stored.username() + "]\n\n"
        + " Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n");
    try {
      Map<String, Object> answer = authenticate(stored);
      save(config, withToken(stored, answer), false); // docker 28.2 warns only for credentials just typed
      return text(answer, "Status");
    } catch (ApiException e) {
      ctx.err().println(e.status() == 401 ? "Stored credentials invalid or expired"
          : "Login did not succeed, error: Error response from daemon: " + e.getMessage());
      return null;
    }
  }

  /** The user name and password from the flags, asked for on the terminal where missing; null after an error. */
  private AuthConfig ask(String defaultUser, String server) throws IOException {
    Console console = System.console();
    boolean terminal = console != null && console.isTerminal() && ctx.in() == System.in;
    if ((username.isEmpty() || password.isEmpty()) && !terminal) {
      fail("Error: Cannot perform an interactive login from a non TTY device");
      return null;
    }
    String user = username.strip();
    if (user.isEmpty()) {
      ctx.out().print(defaultUser.isEmpty() ? "Username: " : "Username (" + defaultUser + "): ");
      ctx.out().flush();
      String line = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
      user = line == null ? "" : line.strip();
      if (user.isEmpty()) {
        user = defaultUser;
      }
      if (user.isEmpty()) {
        fail("Error: Non-null Username Required");
        return null;
      }
    }
    String secret = password.strip();
    if (secret.isEmpty()) {
      char[] typed = console.readPassword("Password: ");
      secret = typed == null ? "" : new String(typed).strip();
      ctx.out().println();
      if (secret.isEmpty()) {
        fail("Error: Password Required");
        return null;
      }
    }
    return new AuthConfig(user, secret, "", server);
  }

  private Map<String, Object> authenticate(AuthConfig auth) throws IOException {
    try (Response response = ctx.client().post("/auth", auth.loginBody())) {
      return response.object();
    }
  }

  /** A token the registry handed back replaces the password, as docker keeps it. */
  private static AuthConfig withToken(AuthConfig auth, Map<String, Object> answer) {
    String token = text(answer, "IdentityToken");
    return token.isEmpty() ? auth : new AuthConfig(auth.username(), "", token, auth.serverAddress());
  }

  private void save(DockerConfigFile config, AuthConfig auth, boolean warn) throws LoginFailure {
    try {
      if (config.store(auth) && warn) {
        ctx.err().println("\nWARNING! Your credentials are stored unencrypted in '" + config.file() + "'.\n"
            + "Configure a credential helper to remove this warning. See\n"
            + "https://docs.docker.com/go/credential-store/\n");
      }
    } catch (IOException e) {
      throw new LoginFailure("Error saving credentials: " + e.getMessage());
    }
  }

  private int fail(String message) {
    ctx.err().println(message);
    return 1;
  }

  private static String text(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    return value == null ? "" : String.valueOf(value);
  }

  /** Saving failed after the registry said yes: docker's error, exit 1. */
  private static final class LoginFailure extends Exception {
    LoginFailure(String message) {
      super(message, null, false, false);
    }
  }
}
