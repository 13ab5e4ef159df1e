package io.wharf.engine.build;

import io.wharf.engine.build.dockerfile.Dockerfile;
import io.wharf.engine.build.dockerfile.Instruction;
import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Dockerfile cut into stages (each FROM begins one) and the stages a target needs: the target
 * itself and, transitively, every stage it starts FROM or copies {@code --from}. Stages nobody
 * needs are skipped, as BuildKit skips them. Immutable.
 *
 * @param metaArgs the ARGs before the first FROM
 * @param stages every stage, in order
 * @param needed the indexes of the stages to build, in order; the last is the target
 */
record StagePlan(List<Instruction> metaArgs, List<Stage> stages, List<Integer> needed) {

  /** One stage: its index, its name (lower-cased) or null, its FROM and the instructions after it. */
  record Stage(int index, String name, Instruction from, List<Instruction> body) {}

  static StagePlan of(Dockerfile dockerfile, String target) {
    List<Instruction> metaArgs = dockerfile.metaArgs();
    List<Stage> stages = new ArrayList<>();
    List<Instruction> rest = dockerfile.instructions().subList(metaArgs.size(), dockerfile.instructions().size());
    for (Instruction i : rest) {
      if (i.keyword().equals("FROM")) {
        stages.add(new Stage(stages.size(), i.stageName(), i, new ArrayList<>()));
      } else {
        stages.getLast().body().add(i);
      }
    }
    if (stages.isEmpty()) {
      throw new InvalidArgument("the Dockerfile (" + dockerfile.fileName() + ") cannot be empty");
    }
    stages.replaceAll(s -> new Stage(s.index(), s.name(), s.from(), List.copyOf(s.body())));
    int targetIndex = stages.size() - 1;
    if (target != null && !target.isEmpty()) {
      targetIndex = indexOf(stages, target.toLowerCase(Locale.ROOT), Integer.MAX_VALUE);
      if (targetIndex < 0) {
        throw new InvalidArgument("failed to reach build target " + target + " in Dockerfile");
      }
    }
    Set<Integer> needed = new java.util.TreeSet<>();
    collect(stages, targetIndex, needed, new LinkedHashSet<>());
    return new StagePlan(List.copyOf(metaArgs), List.copyOf(stages), List.copyOf(needed));
  }

  /** The stage {@code ref} (a name, or an index) names when used before stage {@code before}; -1 if none. */
  static int indexOf(List<Stage> stages, String ref, int before) {
    for (Stage s : stages) {
      if (s.index() < before && ref.equals(s.name())) {
        return s.index();
      }
    }
    if (ref.matches("\\d+")) {
      int index = Integer.parseInt(ref);
      if (index < Math.min(before, stages.size())) {
        return index;
      }
    }
    return -1;
  }

  private static void collect(List<Stage> stages, int index, Set<Integer> needed, Set<Integer> visiting) {
    if (needed.contains(index) || !visiting.add(index)) {
      return;
    }
    Stage stage = stages.get(index);
    List<String> refs = new ArrayList<>();
    refs.add(stage.from().args().getFirst().toLowerCase(Locale.ROOT));
    for (Instruction i : stage.body()) {
      String from = i.flag("from");
      if (from != null && (i.keyword().equals("COPY") || i.keyword().equals("ADD"))) {
        refs.add(from.toLowerCase(Locale.ROOT));
      }
    }
    for (String ref : refs) {
      int dep = indexOf(stages, ref, index);
      if (dep >= 0) {
        collect(stages, dep, needed, visiting);
      }
    }
    needed.add(index);
  }

  /** How many steps the classic builder numbers: the meta ARGs, then each needed stage's FROM and body. */
  int totalSteps() {
    int total = metaArgs.size();
    for (int index : needed) {
      total += 1 + stages.get(index).body().size();
    }
    return total;
  }
}
