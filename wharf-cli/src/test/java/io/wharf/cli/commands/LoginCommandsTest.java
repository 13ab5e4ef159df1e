package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wharf login} and {@code logout}: what is sent to {@code POST /auth}, what lands in
 * docker's {@code config.json} (a private {@code DOCKER_CONFIG}), and a credential helper
 * (a shell script on a private {@code PATH}) used as docker uses it.
 */
class LoginCommandsTest {
  private static final String OK = "{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"\"}";

  @TempDir Path home;
  @TempDir Path bin;
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon();
    daemon.answer("/auth", 200, OK);
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  private Map<String, String> env() {
    return Map.of("DOCKER_CONFIG", home.toString(), "PATH", bin + ":/usr/bin:/bin");
  }

  private FakeDaemon.Result wharf(String stdin, String... args) {
    return daemon.wharf(env(), stdin, args);
  }

  private String config() throws IOException {
    return Files.readString(home.resolve("config.json"));
  }

  @Test
  void loginWithPasswordWarnsChecksWithTheDaemonAndStoresTheAuthEntry() throws IOException {
    FakeDaemon.Result result = wharf("", "login", "-u", "alice", "-p", "s3cret", "127.0.0.1:5000");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.err()).isEqualTo("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"
        + unencryptedWarning());
    assertThat(result.out()).isEqualTo("Login Succeeded\n");
    FakeDaemon.Request request = daemon.request();
    assertThat(request.uri()).isEqualTo("/v1.44/auth");
    assertThat(request.text()).isEqualTo("{\"username\":\"alice\",\"password\":\"s3cret\",\"serveraddress\":\"127.0.0.1:5000\"}");
    assertThat(config()).isEqualTo("{\n\t\"auths\": {\n\t\t\"127.0.0.1:5000\": {\n\t\t\t\"auth\": \""
        + DistributionCommandsTest.base64("alice:s3cret") + "\"\n\t\t}\n\t}\n}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("config.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void loginWithPasswordStdinDefaultsToDockerHubAndKeepsOtherSettings() throws IOException {
    Files.writeString(home.resolve("config.json"), "{\"psFormat\":\"{{.ID}}\",\"auths\":{\"other:5000\":{\"auth\":\"eDp5\"}}}");

    FakeDaemon.Result result = wharf("hub-token\n", "login", "--username", "bob", "--password-stdin");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.err()).isEqualTo(unencryptedWarning());
    assertThat(daemon.request().text())
        .isEqualTo("{\"username\":\"bob\",\"password\":\"hub-token\",\"serveraddress\":\"https://index.docker.io/v1/\"}");
    assertThat(config()).isEqualTo("{\n\t\"auths\": {\n\t\t\"https://index.docker.io/v1/\": {\n\t\t\t\"auth\": \""
        + DistributionCommandsTest.base64("bob:hub-token") + "\"\n\t\t},\n\t\t\"other:5000\": {\n\t\t\t\"auth\": \"eDp5\"\n\t\t}\n\t},"
        + "\n\t\"psFormat\": \"{{.ID}}\"\n}");
  }

  @Test
  void loginKeepsAnIdentityTokenInsteadOfThePassword() throws IOException {
    daemon.answer("/auth", 200, "{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"refresh-1\"}");

    FakeDaemon.Result result = wharf("pw", "login", "-u", "carol", "--password-stdin", "http://r.example.com/v2/");

    assertThat(result.err()).isEmpty(); // no password in the file, no warning

    assertThat(config()).contains("\"r.example.com\": {\n\t\t\t\"auth\": \"" + DistributionCommandsTest.base64("carol:")
        + "\",\n\t\t\t\"identitytoken\": \"refresh-1\"");
  }

  @Test
  void storedCredentialsTheRegistryRefusesAreReportedAndThenAskedFor() throws IOException {
    Files.writeString(home.resolve("config.json"), "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\""
        + DistributionCommandsTest.base64("alice:old") + "\"}}}");
    daemon.answer("/auth", 401, "{\"message\":\"unauthorized: incorrect username or password\"}");

    FakeDaemon.Result result = wharf("", "login", "127.0.0.1:5000");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).endsWith("\n\n\nStored credentials invalid or expired\n"
        + "Error: Cannot perform an interactive login from a non TTY device\n");
  }

  /** What docker prints once a password went into config.json itself. */
  private String unencryptedWarning() {
    return "\nWARNING! Your credentials are stored unencrypted in '" + home.resolve("config.json") + "'.\n"
        + "Configure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n";
  }

  @Test
  void loginMistakesAreDockers() {
    FakeDaemon.Result both = wharf("x", "login", "-u", "a", "-p", "b", "--password-stdin");
    FakeDaemon.Result noUser = wharf("x", "login", "--password-stdin");
    FakeDaemon.Result emptyUser = wharf("x", "login", "-u", "", "-p", "b");
    FakeDaemon.Result emptyPassword = wharf("x", "login", "-u", "a", "--password=");
    FakeDaemon.Result noTty = wharf("", "login", "-u", "a", "127.0.0.1:5000");

    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).isEqualTo("conflicting options: cannot specify both --password and --password-stdin\n");
    assertThat(noUser.err()).isEqualTo("the --password-stdin option requires --username to be set\n");
    assertThat(emptyUser.err()).isEqualTo("username is empty\n");
    assertThat(emptyPassword.err()).isEqualTo("password is empty\n");
    assertThat(noTty.code()).isEqualTo(1);
    assertThat(noTty.err()).isEqualTo("Error: Cannot perform an interactive login from a non TTY device\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void refusedCredentialsAreTheDaemonsErrorAndNothingIsStored() {
    daemon.answer("/auth", 401, "{\"message\":\"login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized\"}");

    FakeDaemon.Result result = wharf("bad", "login", "-u", "alice", "--password-stdin", "127.0.0.1:5000");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized\n");
    assertThat(home.resolve("config.json")).doesNotExist();
  }

  @Test
  void loginWithoutFlagsTriesTheStoredCredentialsFirst() throws IOException {
    wharf("s3cret", "login", "-u", "alice", "--password-stdin", "127.0.0.1:5000");

    FakeDaemon.Result again = wharf("", "login", "127.0.0.1:5000");

    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("Login Succeeded\n");
    assertThat(again.err()).isEqualTo("Authenticating with existing credentials... [Username: alice]\n\n"
        + " Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n");
    var logins = daemon.requests().stream().filter(r -> r.uri().endsWith("/auth")).toList();
    assertThat(logins.get(1).text()).isEqualTo(logins.get(0).text());
  }

  @Test
  void logoutRemovesTheEntryAndPrintsDockersLine() throws IOException {
    wharf("s3cret", "login", "-u", "alice", "--password-stdin", "127.0.0.1:5000");

    FakeDaemon.Result result = wharf("", "logout", "127.0.0.1:5000");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Removing login credentials for 127.0.0.1:5000\n");
    assertThat(result.err()).isEmpty();
    assertThat(config()).isEqualTo("{\n\t\"auths\": {}\n}");
  }

  @Test
  void theConfigFlagChoosesTheDirectoryOverDockerConfig(@TempDir Path other) throws IOException {
    FakeDaemon.Result result = daemon.wharf(env(), "pw", "--config", other.toString(), "login", "-u", "dave",
        "--password-stdin", "127.0.0.1:5000");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(Files.readString(other.resolve("config.json"))).contains("\"127.0.0.1:5000\"");
    assertThat(home.resolve("config.json")).doesNotExist();
  }

  @Test
  void logoutWithNothingStoredWritesNoFile() {
    FakeDaemon.Result result = wharf("", "logout");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Removing login credentials for https://index.docker.io/v1/\n");
    assertThat(home.resolve("config.json")).doesNotExist();
    assertThat(daemon.requests()).isEmpty();
  }

  /** A docker-credential-test helper keeping one credential in a file next to it, logging each call. */
  private void installHelper() throws IOException {
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(helper, """
        #!/bin/sh
        store="$(dirname "$0")/test-store.json"
        input=$(cat)
        echo "$1 $input" >> "$(dirname "$0")/test-calls.log"
        case "$1" in
          store) printf '%s' "$input" > "$store" ;;
          get) if [ -f "$store" ]; then cat "$store"; else echo "credentials not found in native keychain"; exit 1; fi ;;
          erase) if [ -f "$store" ]; then rm "$store"; else echo "credentials not found in native keychain"; exit 1; fi ;;
          *) echo "unknown action"; exit 1 ;;
        esac
        """);
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aCredentialsStoreHelperKeepsTheSecretAndPullGetsItBack() throws IOException {
    installHelper();
    Files.writeString(home.resolve("config.json"), "{\"credsStore\":\"test\"}");

    FakeDaemon.Result login = wharf("s3cret", "login", "-u", "alice", "--password-stdin", "127.0.0.1:5000");
    assertThat(login.code()).as(login.err()).isZero();
    assertThat(login.err()).isEmpty();
    assertThat(config()).isEqualTo("{\n\t\"auths\": {\n\t\t\"127.0.0.1:5000\": {}\n\t},\n\t\"credsStore\": \"test\"\n}");
    assertThat(Files.readString(bin.resolve("test-store.json")))
        .isEqualTo("{\"ServerURL\":\"127.0.0.1:5000\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}");

    daemon.answer(200, "");
    wharf("", "pull", "-q", "127.0.0.1:5000/app:1");
    FakeDaemon.Request pull = daemon.requests().stream().filter(r -> r.uri().contains("/images/create")).findFirst()
        .orElseThrow();
    assertThat(new String(Base64.getUrlDecoder().decode(pull.header("X-Registry-Auth")), StandardCharsets.UTF_8))
        .isEqualTo("{\"username\":\"alice\",\"password\":\"s3cret\",\"serveraddress\":\"127.0.0.1:5000\"}");

    FakeDaemon.Result logout = wharf("", "logout", "127.0.0.1:5000");
    assertThat(logout.out()).isEqualTo("Removing login credentials for 127.0.0.1:5000\n");
    assertThat(logout.err()).isEmpty();
    assertThat(bin.resolve("test-store.json")).doesNotExist();
    assertThat(config()).isEqualTo("{\n\t\"auths\": {},\n\t\"credsStore\": \"test\"\n}");
    assertThat(Files.readString(bin.resolve("test-calls.log"))).startsWith("store {").contains("get 127.0.0.1:5000\n",
        "erase 127.0.0.1:5000\n");
  }

  @Test
  void aPerRegistryHelperThatFailsEverywhereIsReportedAsDockerDoes() throws IOException {
    Files.writeString(home.resolve("config.json"), "{\"credHelpers\":{\"https://index.docker.io/v1/\":\"missing\"}}");

    FakeDaemon.Result result = wharf("", "logout");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEqualTo("WARNING: could not erase credentials:\nhttps://index.docker.io/v1/: error erasing "
        + "credentials - err: exec: \"docker-credential-missing\": executable file not found in $PATH, out: ``\n");
  }
}
