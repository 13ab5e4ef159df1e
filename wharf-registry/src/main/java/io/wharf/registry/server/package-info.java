/**
 * {@code wharf registry serve}: an OCI distribution-spec v1.1 registry on the JDK's
 * {@code com.sun.net.httpserver}, one virtual thread per request.
 *
 * <p>Layout of the root directory, after distribution's (the reference {@code registry:2}):
 *
 * <pre>
 * blobs/sha256/&lt;hex&gt;                                   content, named by its digest
 * uploads/&lt;session&gt;, uploads/blob-*.tmp                 bytes in flight, never served
 * repositories/&lt;name&gt;/_layers/sha256/&lt;hex&gt;              the blob belongs to the repository
 * repositories/&lt;name&gt;/_manifests/revisions/sha256/&lt;hex&gt;  the manifest belongs to it; holds its Content-Type
 * repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;               holds the tagged manifest's digest
 * repositories/&lt;name&gt;/_referrers/&lt;subject hex&gt;/&lt;hex&gt;   the manifest's {@code subject} is that digest
 * </pre>
 *
 * <p>A blob reaches {@code blobs/} only by a rename from {@code uploads/} after its bytes were
 * hashed as they were written and the hash matched: a crash leaves at most a stray temporary
 * file, never a blob under a digest it does not have. Link files are replaced by rename too.
 *
 * <p>The routes ({@link io.wharf.registry.server.ManifestRoutes}, {@link
 * io.wharf.registry.server.BlobRoutes}, {@link io.wharf.registry.server.UploadRoutes}, {@link
 * io.wharf.registry.server.DiscoveryRoutes}) only translate HTTP; the stores decide; errors are
 * {@link io.wharf.registry.server.RegistryException}s mapped to the spec's JSON once, in {@link
 * io.wharf.registry.server.Router}.
 */
package io.wharf.registry.server;
