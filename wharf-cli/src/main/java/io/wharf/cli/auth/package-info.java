/**
 * Registry credentials on the client side, as the docker CLI keeps them: the
 * {@code config.json} file ({@code auths}, {@code credsStore}, {@code credHelpers}), the
 * {@code docker-credential-<name>} helper programs, and the {@code X-Registry-Auth} header that
 * hands them to the daemon for a pull or a push. Read with the client's streaming JSON, not an
 * object mapper, so that {@code wharf pull} starts as fast as the other commands.
 */
package io.wharf.cli.auth;
