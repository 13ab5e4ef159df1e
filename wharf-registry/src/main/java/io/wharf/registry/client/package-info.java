/**
 * The client side of the OCI distribution protocol: what wharfd needs to pull from and push
 * to Docker Hub, GHCR, ECR, a self-hosted {@code registry:2} or Wharf's own registry.
 *
 * <p>{@link io.wharf.registry.client.RegistryClient} is the entry point. It resolves a
 * reference to a manifest (picking {@code linux/amd64} from an index), streams blobs while
 * verifying their digest, uploads blobs (existence check, cross-repository mount, monolithic
 * or chunked upload) and manifests, and answers the registry's authentication challenges:
 * bearer tokens from the realm the registry names (anonymous, or with Basic credentials) and
 * Basic auth. Credentials come from a {@link io.wharf.registry.client.Credentials}, such as
 * {@link io.wharf.registry.client.DockerConfigCredentials}, which reads the docker CLI's
 * {@code config.json} and runs its credential helpers.
 *
 * <p>Endpoints, as Docker chooses them: {@code docker.io} is
 * {@code https://registry-1.docker.io}, tried after the configured mirrors when pulling;
 * other registries are {@code https://host}, and registries in {@code insecure-registries}
 * or on loopback are tried over HTTPS without certificate checks, then over plain HTTP.
 *
 * <p>Failures are {@link java.io.IOException}s; what the registry said arrives as a
 * {@link io.wharf.registry.client.RegistryException} whose message is Docker's wording
 * ({@code unauthorized: authentication required}, {@code manifest unknown: manifest unknown}).
 *
 * <p>This package depends on {@code io.wharf.oci} and the JDK only (its HTTP client); it
 * knows nothing of the engine or of the registry server.
 */
package io.wharf.registry.client;
