package io.wharf.registry.server.conformance;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.wharf.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The conformance suite's setup state ({@code setup.go}'s {@code init()}): one config blob and one
 * image manifest per workflow slot, the layer, the empty-layer manifest, the streamed and chunked
 * test blobs, and the referrers fixtures (five artifacts and an index with {@code subject}
 * {@code manifests[4]}, one artifact whose subject {@code manifests[3]} is never pushed). Built
 * the way the suite builds them: Go-style indented JSON whose descriptors all carry the suite's
 * unknown field {@code newUnspecifiedField} (the config descriptors with a value and inline
 * {@code data}, the others with {@code null}), so that the registry must store and serve fields it
 * does not know. The config authors are random per instance, so every run pushes fresh digests,
 * as the suite's do. Not changed after construction; safe to read from any thread.
 */
final class SuiteData {
  /** {@code numWorkflows}: the iota after the four workflow bits, so 1 << 4 slots. */
  static final int NUM_WORKFLOWS = 1 << 4;
  static final String TEST_TAG_NAME = "tagtest0";
  static final String EMPTY_LAYER_TEST_TAG = "emptylayer";
  static final String NONEXISTENT_MANIFEST = ".INVALID_MANIFEST_NAME";
  static final byte[] INVALID_MANIFEST_CONTENT = "blablabla".getBytes(StandardCharsets.UTF_8);
  static final String DUMMY_DIGEST = Digest.of("hello world".getBytes(StandardCharsets.UTF_8)).toString();
  static final String ARTIFACT_TYPE_FILTER = "artifactType";
  static final String ANNOTATION_KEY = "org.opencontainers.conformance.test";
  static final String ARTIFACT_TYPE_A = "application/vnd.nhl.peanut.butter.bagel";
  static final String ARTIFACT_TYPE_B = "application/vnd.nba.strawberry.jam.croissant";
  static final String ARTIFACT_TYPE_INDEX = "application/vnd.food.stand";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  static final String LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** {@code errorCodes}: the codes an error body may carry. */
  static final List<String> ERROR_CODES = List.of(
      "BLOB_UNKNOWN", "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN", "DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN",
      "MANIFEST_INVALID", "MANIFEST_UNKNOWN", "MANIFEST_UNVERIFIED", "NAME_INVALID", "NAME_UNKNOWN",
      "SIZE_INVALID", "TAG_INVALID", "UNAUTHORIZED", "DENIED", "UNSUPPORTED");

  private static final ObjectWriter GO_INDENT = goIndentWriter();

  /** Bytes with the digest and the decimal length the suite sends as Content-Length. */
  record TestBlob(byte[] content, String digest) {
    static TestBlob of(byte[] content) {
      return new TestBlob(content, Digest.of(content).toString());
    }

    String length() {
      return Integer.toString(content.length);
    }
  }

  /** {@code setupChunkedBlob}: a blob split after {@code size/2 + 1} bytes, with each chunk's Content-Range. */
  record ChunkedBlob(TestBlob blob, byte[] chunk1, byte[] chunk2) {
    String chunk1Range() {
      return "0-" + (chunk1.length - 1);
    }

    String chunk2Range() {
      return chunk1.length + "-" + (blob.content().length - 1);
    }
  }

  final long seed;
  final List<TestBlob> configs = new ArrayList<>();
  final List<TestBlob> manifests = new ArrayList<>();
  final TestBlob layer;
  final TestBlob emptyLayerManifest;
  final TestBlob blobA;
  final ChunkedBlob chunked;
  final TestBlob emptyJson;
  final TestBlob refBlobA;
  final TestBlob refBlobB;
  final TestBlob refsManifestAConfigArtifact;
  final TestBlob refsManifestBConfigArtifact;
  final TestBlob refsManifestALayerArtifact;
  final TestBlob refsManifestBLayerArtifact;
  final TestBlob refsManifestCLayerArtifact;
  final TestBlob refsIndexArtifact;
  /** {@code testAnnotationValues}: each referrer's digest → its {@link #ANNOTATION_KEY} value. */
  final Map<String, String> annotationValues = new LinkedHashMap<>();

  SuiteData(long seed) {
    this.seed = seed;
    for (int i = 0; i < NUM_WORKFLOWS; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("author", randomString(16));
      config.put("architecture", "amd64");
      config.put("os", "linux");
      config.put("rootfs", ordered("type", "layers", "diff_ids", List.of()));
      configs.add(TestBlob.of(goJson(config)));
    }
    layer = TestBlob.of(testTarGz());
    List<Map<String, Object>> layers = List.of(descriptor(LAYER_TAR_GZIP, layer, null));
    for (int i = 0; i < NUM_WORKFLOWS; i++) {
      manifests.add(TestBlob.of(goJson(manifest(OCI_MANIFEST, null, configDescriptor(configs.get(i)), layers, null, null))));
    }
    emptyLayerManifest = TestBlob.of(goJson(manifest(null, null, configDescriptor(configs.get(1)), List.of(), null, null)));
    blobA = randomBlob(42, seed + 1);
    chunked = chunkedBlob(42);

    emptyJson = TestBlob.of("{}".getBytes(StandardCharsets.UTF_8));
    Map<String, Object> emptyJsonDescriptor = descriptor(OCI_EMPTY, emptyJson, null);
    refBlobA = TestBlob.of("NHL Peanut Butter on my NHL bagel".getBytes(StandardCharsets.UTF_8));
    refBlobB = TestBlob.of("NBA Strawberry Jam on my NBA croissant".getBytes(StandardCharsets.UTF_8));
    Map<String, Object> subject4 = descriptor(OCI_MANIFEST, manifests.get(4), null);
    Map<String, Object> subject3 = descriptor(OCI_MANIFEST, manifests.get(3), null);

    refsManifestAConfigArtifact = annotated(manifest(OCI_MANIFEST, null, descriptor(ARTIFACT_TYPE_A, refBlobA, null),
        List.of(emptyJsonDescriptor), subject4, Map.of(ANNOTATION_KEY, "test config a")));
    refsManifestBConfigArtifact = annotated(manifest(OCI_MANIFEST, null, descriptor(ARTIFACT_TYPE_B, refBlobB, null),
        List.of(emptyJsonDescriptor), subject4, Map.of(ANNOTATION_KEY, "test config b")));
    refsManifestALayerArtifact = annotated(manifest(OCI_MANIFEST, ARTIFACT_TYPE_A, emptyJsonDescriptor,
        List.of(descriptor(ARTIFACT_TYPE_A, refBlobA, null)), subject4, Map.of(ANNOTATION_KEY, "test layer a")));
    refsManifestBLayerArtifact = annotated(manifest(OCI_MANIFEST, ARTIFACT_TYPE_B, emptyJsonDescriptor,
        List.of(descriptor(ARTIFACT_TYPE_B, refBlobB, null)), subject4, Map.of(ANNOTATION_KEY, "test layer b")));
    refsManifestCLayerArtifact = TestBlob.of(goJson(manifest(OCI_MANIFEST, ARTIFACT_TYPE_B, emptyJsonDescriptor,
        List.of(descriptor(ARTIFACT_TYPE_B, refBlobB, null)), subject3, null)));

    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    index.put("artifactType", ARTIFACT_TYPE_INDEX);
    index.put("manifests", List.of(
        descriptor(OCI_MANIFEST, refsManifestAConfigArtifact, null),
        descriptor(OCI_MANIFEST, refsManifestALayerArtifact, null)));
    index.put("subject", subject4);
    index.put("annotations", Map.of(ANNOTATION_KEY, "test index"));
    refsIndexArtifact = annotated(index);
  }

  /** A fresh data set on a random seed (the suite's {@code GinkgoRandomSeed}). */
  static SuiteData random() {
    return new SuiteData(new SecureRandom().nextLong());
  }

  /** {@code setupChunkedBlob(size)}: rebuilt when the registry's OCI-Chunk-Min-Length asks for bigger chunks. */
  ChunkedBlob chunkedBlob(int size) {
    TestBlob blob = randomBlob(size, seed + 2);
    byte[] bytes = blob.content();
    return new ChunkedBlob(blob, Arrays.copyOfRange(bytes, 0, size / 2 + 1), Arrays.copyOfRange(bytes, size / 2 + 1, size));
  }

  /**
   * The index the later push specs build: artifactType {@link #ARTIFACT_TYPE_INDEX}, one child
   * of {@code childMediaType}, the test annotation, no subject.
   */
  static TestBlob artifactIndex(String childMediaType, TestBlob child) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    index.put("artifactType", ARTIFACT_TYPE_INDEX);
    index.put("manifests", List.of(descriptor(childMediaType, child, null)));
    index.put("annotations", Map.of(ANNOTATION_KEY, "test index"));
    return TestBlob.of(goJson(index));
  }

  private TestBlob annotated(Map<String, Object> manifest) {
    TestBlob blob = TestBlob.of(goJson(manifest));
    @SuppressWarnings("unchecked")
    Map<String, String> annotations = (Map<String, String>) manifest.get("annotations");
    annotationValues.put(blob.digest(), annotations.get(ANNOTATION_KEY));
    return blob;
  }

  /** The suite's {@code manifest} struct: omitempty mediaType, artifactType, subject, annotations. */
  private static Map<String, Object> manifest(String mediaType, String artifactType, Map<String, Object> config,
      List<Map<String, Object>> layers, Map<String, Object> subject, Map<String, String> annotations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    putIfPresent(m, "mediaType", mediaType);
    putIfPresent(m, "artifactType", artifactType);
    m.put("config", config);
    m.put("layers", layers);
    putIfPresent(m, "subject", subject);
    putIfPresent(m, "annotations", annotations);
    return m;
  }

  /** The config descriptor of the suite's images: inline {@code data} and a set unknown field. */
  private static Map<String, Object> configDescriptor(TestBlob config) {
    Map<String, Object> d = descriptor(OCI_CONFIG, config, config.content());
    d.put("newUnspecifiedField", "hello world".getBytes(StandardCharsets.UTF_8));
    return d;
  }

  /**
   * The suite's {@code descriptor} struct in its field order; {@code newUnspecifiedField} is not
   * omitempty, so it is {@code null} unless set.
   */
  private static Map<String, Object> descriptor(String mediaType, TestBlob blob, byte[] data) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", blob.digest());
    d.put("size", blob.content().length);
    putIfPresent(d, "data", data);
    d.put("newUnspecifiedField", null);
    return d;
  }

  private static void putIfPresent(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** {@code randomBlob}: reproducible bytes from the seed. */
  private static TestBlob randomBlob(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return TestBlob.of(bytes);
  }

  /** {@code randomString}: the suite's alphabet from a strong source, so digests differ per run. */
  private static String randomString(int n) {
    String letters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-";
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(letters.charAt(random.nextInt(letters.length())));
    }
    return s.toString();
  }

  /** {@code json.MarshalIndent(v, "", "\t")}: tab-indented, {@code "key": value}, byte arrays in base64. */
  static byte[] goJson(Object value) {
    try {
      return GO_INDENT.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectWriter goIndentWriter() {
    DefaultIndenter tab = new DefaultIndenter("\t", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(tab);
    printer.indentArraysWith(tab);
    return new ObjectMapper().writer(printer);
  }

  /**
   * The suite's layer: a gzipped tar of one file, {@code test.txt} (the suite ships such a tarball
   * as base64; this one is built here, as the suite's comment describes making it).
   */
  private static byte[] testTarGz() {
    byte[] content = "you bothered to find out what was in here. Congratulations!\n".getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[512];
    put(header, 0, "test.txt");
    put(header, 100, "0000644\0");
    put(header, 108, "0001750\0");
    put(header, 116, "0001750\0");
    put(header, 124, String.format("%011o\0", content.length));
    put(header, 136, String.format("%011o\0", 1_600_000_000L));
    put(header, 148, "        ");
    header[156] = '0';
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o\0 ", sum));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(header);
      gz.write(content);
      gz.write(new byte[512 - content.length % 512]);
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(byte[] block, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, block, offset, bytes.length);
  }
}
