package io.wharf.registry.client;

import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.image.ImageIndex;
import io.wharf.oci.image.Manifest;
import io.wharf.oci.image.MediaTypes;
import io.wharf.oci.image.Platform;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An image for the tests: random layers from a seed, a config and a manifest (OCI or Docker
 * schema 2) naming them.
 */
record TestImage(byte[] config, List<byte[]> layers, byte[] manifest, String mediaType) {
  static TestImage oci(long seed) {
    return random(seed, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_GZIP);
  }

  static TestImage docker(long seed) {
    return random(seed, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER_GZIP);
  }

  private static TestImage random(long seed, String manifestType, String configType, String layerType) {
    Random random = new Random(seed);
    List<byte[]> layers = List.of(bytes(random, 1000 + random.nextInt(1000)), bytes(random, 70_000 + random.nextInt(1000)));
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<io.wharf.oci.image.Descriptor> layerDescriptors = new ArrayList<>();
    layers.forEach(layer -> layerDescriptors.add(io.wharf.oci.image.Descriptor.of(layerType, Digest.of(layer), layer.length)));
    Manifest manifest = new Manifest(2, manifestType, io.wharf.oci.image.Descriptor.of(configType, Digest.of(config), config.length), layerDescriptors, null, null);
    return new TestImage(config, layers, json(manifest), manifestType);
  }

  static byte[] bytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  Digest digest() {
    return Digest.of(manifest);
  }

  Descriptor configDescriptor() {
    return Descriptor.of(mediaType.equals(MediaTypes.OCI_MANIFEST) ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, Digest.of(config), config.length);
  }

  Descriptor layerDescriptor(int i) {
    String type = mediaType.equals(MediaTypes.OCI_MANIFEST) ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.DOCKER_LAYER_GZIP;
    return Descriptor.of(type, Digest.of(layers.get(i)), layers.get(i).length);
  }

  /** Stores blobs and manifest in {@code registry}'s {@code repository} under {@code tag}. */
  Digest pushTo(FakeRegistry registry, String repository, String tag) {
    registry.putBlob(repository, config);
    layers.forEach(layer -> registry.putBlob(repository, layer));
    return registry.putManifest(repository, tag, mediaType, manifest);
  }

  /** A descriptor of this manifest for an index, with a platform. */
  io.wharf.oci.image.Descriptor entry(String os, String architecture, String variant) {
    return new io.wharf.oci.image.Descriptor(mediaType, digest(), manifest.length, null, new Platform(architecture, os, null, null, variant), null);
  }

  static byte[] index(String mediaType, List<io.wharf.oci.image.Descriptor> entries) {
    return json(new ImageIndex(2, mediaType, entries, null));
  }

  static byte[] json(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
