package io.wharf.engine.build;

import io.wharf.engine.archive.RootedPath;
import io.wharf.engine.build.dockerfile.Instruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * WORKDIR: sets the working directory (a relative path continues the previous one) and creates
 * it when the image lacks it. A directory that exists costs no layer; one that had to be created
 * is the step's layer. Stateless.
 */
final class WorkdirStep {
  private WorkdirStep() {}

  static void run(StageBuild s, Instruction i) {
    String dir = resolve(s.config.workingDir, s.session.expander.expand(i.args().getFirst(), s.variables()));
    s.config.workingDir = dir;
    String comment = "WORKDIR " + dir;
    s.step(new CacheKey(s.parentDigest(), List.of("WORKDIR", dir), null), comment, () -> {
      try (StepRootfs rootfs = StepRootfs.mount(s.session.snapshots, s.chain(), s.session.scratch)) {
        RootedPath.directory(rootfs.path(), RootedPath.clean(dir));
        if (rootfs.unchanged()) {
          return s.commit(null, s.nop(comment));
        }
        Path layer = s.layerFile();
        try {
          rootfs.writeLayer(layer);
          return s.commit(layer, s.nop(comment));
        } finally {
          Files.deleteIfExists(layer);
        }
      }
    });
  }

  /** {@code next} made absolute against {@code current} and cleaned, as Docker normalises WORKDIR. */
  static String resolve(String current, String next) {
    String base = current == null || current.isEmpty() ? "/" : current;
    Path p = next.startsWith("/") ? Path.of(next) : Path.of(base).resolve(next);
    String out = p.normalize().toString();
    return out.isEmpty() ? "/" : out;
  }
}
