package io.wharf.bench;

import io.wharf.engine.archive.LayerExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Extracting an uncompressed layer of 10 directories × 50 files of 4 KiB (about 2 MB) into an empty directory. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LayerExtractBenchmark {
  byte[] layer;
  Path target;

  @Setup(Level.Trial)
  public void makeLayer() throws IOException {
    Random random = new Random(42);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (int d = 0; d < 10; d++) {
        TarArchiveEntry dir = new TarArchiveEntry("dir" + d + "/");
        dir.setMode(0755);
        tar.putArchiveEntry(dir);
        tar.closeArchiveEntry();
        for (int f = 0; f < 50; f++) {
          byte[] content = new byte[4096];
          random.nextBytes(content);
          TarArchiveEntry file = new TarArchiveEntry("dir" + d + "/file" + f);
          file.setMode(0644);
          file.setSize(content.length);
          tar.putArchiveEntry(file);
          tar.write(content);
          tar.closeArchiveEntry();
        }
      }
    }
    layer = out.toByteArray();
  }

  @Setup(Level.Invocation)
  public void emptyTarget() throws IOException {
    target = Files.createTempDirectory("wharf-jmh-");
  }

  @TearDown(Level.Invocation)
  public void removeTarget() throws IOException {
    try (Stream<Path> paths = Files.walk(target)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public Object extract() throws IOException {
    return LayerExtractor.extract(new ByteArrayInputStream(layer), target);
  }
}
