/**
 * The OCI distribution-spec conformance suite ({@code github.com/opencontainers/distribution-spec},
 * directory {@code conformance/}), ported to JUnit and run against Wharf's registry server in
 * process. The suite is Go (Ginkgo, the reggie client) and cannot be fetched here, so its checks
 * are ported spec by spec: the same requests (method, path, headers, bodies), the same test data,
 * the same order and hand-over of state between specs, and the same accepted statuses, headers and
 * error codes. Every test's display name is the suite's {@code Context / Context / Specify} text.
 *
 * <h2>Suite version</h2>
 *
 * The v1.1 suite with the referrers API (an index with {@code subject} among the referrers,
 * {@code OCI-Chunk-Min-Length}, automatic cross-mount), as stored at these revisions of
 * opencontainers/distribution-spec:
 *
 * <table>
 *   <caption>Suite files and their Java ports</caption>
 *   <tr><th>suite file (commit)</th><th>Java</th><th>specs ported</th></tr>
 *   <tr><td>{@code setup.go}, {@code image.go} (b5f09ebe541c, 3ec8a56d897b)</td>
 *       <td>{@link io.wharf.registry.server.conformance.SuiteData}, {@link
 *       io.wharf.registry.server.conformance.ConformanceRegistry}</td><td>—</td></tr>
 *   <tr><td>{@code 00_conformance_suite_test.go} (81bb239e0c8e)</td>
 *       <td>{@link io.wharf.registry.server.conformance.ConformanceSuiteTest}: the four workflows
 *       in order in one registry and namespace</td><td>—</td></tr>
 *   <tr><td>{@code 01_pull_test.go} (47008ca930b5)</td>
 *       <td>{@link io.wharf.registry.server.conformance.ConformancePullTest}</td><td>23 of 24</td></tr>
 *   <tr><td>{@code 02_push_test.go} (11b8e3fba7d2)</td>
 *       <td>{@link io.wharf.registry.server.conformance.ConformancePushTest}</td><td>29 of 29, plus 3
 *       checks of a later revision</td></tr>
 *   <tr><td>{@code 03_discovery_test.go} (b5f09ebe541c)</td>
 *       <td>{@link io.wharf.registry.server.conformance.ConformanceDiscoveryTest}</td><td>15 of 16</td></tr>
 *   <tr><td>{@code 04_management_test.go} (3c7a4ac8186f)</td>
 *       <td>{@link io.wharf.registry.server.conformance.ConformanceManagementTest}</td><td>10 of 10</td></tr>
 * </table>
 *
 * Each workflow class runs alone against a registry of its own (the suite run with only that
 * workflow enabled, as its setup specs allow), and again inside {@code ConformanceSuiteTest},
 * sharing one registry, namespace and data set with the workflows before it, as the full suite
 * runs. The suite's settings are those of a plain run: {@code OCI_NAMESPACE} is {@link
 * io.wharf.registry.server.conformance.ConformanceRegistry#NAMESPACE}, {@code
 * OCI_CROSSMOUNT_NAMESPACE} unset ({@code conformance-<uuid>}), {@code
 * OCI_DELETE_MANIFEST_BEFORE_BLOBS} true (its default), {@code OCI_AUTOMATIC_CROSSMOUNT=true}
 * (Wharf mounts without {@code from} when any repository holds the blob).
 *
 * <h2>Differences from the suite</h2>
 *
 * <ul>
 *   <li>The layer is built here as the suite's comment describes its making (a gzipped tar of one
 *       {@code test.txt}) instead of decoding the suite's base64 copy; the config authors and
 *       seeds are random per run, as the suite's are. JSON is written as Go's {@code
 *       json.MarshalIndent} writes it, with the suite's unknown {@code newUnspecifiedField}.
 *   <li>{@code Content-Length} request headers are the JDK client's to set; they are the body's
 *       length, which is what Go's client sends too (it ignores a {@code Content-Length} header).
 *   <li>Stricter where the suite only warns about a feature Wharf has: a manifest with no layers
 *       must be accepted; a referrers request filtered by artifactType must answer {@code
 *       OCI-Filters-Applied: artifactType} and the filtered list.
 *   <li>From a later stored revision of {@code 02_push_test.go} (the one with "[OCI-Image v1.1]"
 *       specs): the Range after the second chunk, "Registry should accept a manifest upload with
 *       image index" and "… with nested image index [OCI-Image v1.1]", which need no setup that
 *       revision's missing {@code setup.go} would define.
 * </ul>
 *
 * <h2>Not ported</h2>
 *
 * <ul>
 *   <li>Pull "Get tag name from environment" and Content Discovery "Populate registry with test tags
 *       (no push)": they run only when the suite is pointed at existing content ({@code
 *       OCI_TAG_NAME}, {@code OCI_TAG_LIST}); here the setup always pushes.
 *   <li>The teardown specs registered only when {@code OCI_DELETE_MANIFEST_BEFORE_BLOBS=false}: the
 *       same deletes with manifests last.
 *   <li>Push "Cross-mounting without from, and automatic content discovery disabled should return a
 *       202" is ported but skipped, as the suite skips it when automatic cross-mount is enabled.
 *   <li>The later revision's artifact specs ("custom config/mediaType", "custom artifactType",
 *       "Dangling subject"): their manifests are defined in a {@code setup.go} revision that is not
 *       available here, and guessing them would not be a port.
 *   <li>{@code reporter.go} (HTML/JUnit report) and the {@code OCI_USERNAME}/{@code OCI_PASSWORD}
 *       client set-up: JUnit reports, and the registry runs without authentication (its htpasswd
 *       path has its own tests).
 * </ul>
 */
package io.wharf.registry.server.conformance;
