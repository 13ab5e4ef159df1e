package io.wharf.engine.build;

import io.wharf.engine.build.dockerfile.HealthcheckRules;
import io.wharf.engine.build.dockerfile.Instruction;
import io.wharf.engine.build.dockerfile.KeyValue;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The instructions that change only the image's config: ENV, LABEL, EXPOSE, USER, VOLUME,
 * STOPSIGNAL, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, ONBUILD, MAINTAINER and ARG. Each changes
 * the stage's {@link RunConfig} and commits an image without a layer (an {@code empty_layer}
 * history entry), as Docker's classic builder does. Stateless.
 */
final class ConfigSteps {
  private ConfigSteps() {}

  /** {@code value} as JSON, as the classic builder writes config values into history. */
  static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void env(StageBuild s, Instruction i) {
    Map<String, String> vars = s.variables();
    List<String> parts = new ArrayList<>();
    Map<String, String> set = new LinkedHashMap<>();
    for (KeyValue kv : i.pairs()) {
      String key = s.session.expander.expand(kv.key(), vars);
      String value = s.session.expander.expand(kv.value() == null ? "" : kv.value(), vars);
      set.put(key, value);
      parts.add(key + "=" + value);
    }
    s.config.env.putAll(set);
    s.metadataStep("ENV", "ENV " + String.join(" ", parts));
  }

  static void label(StageBuild s, Instruction i) {
    Map<String, String> vars = s.variables();
    List<String> parts = new ArrayList<>();
    for (KeyValue kv : i.pairs()) {
      String key = s.session.expander.expand(kv.key(), vars);
      String value = s.session.expander.expand(kv.value() == null ? "" : kv.value(), vars);
      s.config.labels.put(key, value);
      parts.add(json(key) + "=" + json(value));
    }
    s.metadataStep("LABEL", "LABEL " + String.join(" ", parts));
  }

  /** The {@code --label}s of the request: one more LABEL step at the end, as the classic builder adds it. */
  static void requestLabels(StageBuild s, Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    labels.forEach((k, v) -> {
      s.config.labels.put(k, v);
      parts.add(json(k) + "=" + json(v));
    });
    s.metadataStep("LABEL", "LABEL " + String.join(" ", parts));
  }

  static void expose(StageBuild s, Instruction i) {
    List<String> ports = new ArrayList<>();
    for (String arg : i.args()) {
      for (String word : s.session.expander.expandWords(arg, s.variables())) {
        ports.addAll(portSpecs(word));
      }
    }
    ports.forEach(p -> s.config.exposedPorts.put(p, Map.of()));
    s.metadataStep("EXPOSE", "EXPOSE " + String.join(" ", new java.util.TreeSet<>(s.config.exposedPorts.keySet())));
  }

  /** {@code 80}, {@code 80/udp}, {@code 8000-8002/tcp} → each port with its protocol, as Docker expands them. */
  static List<String> portSpecs(String word) {
    String spec = word.toLowerCase(Locale.ROOT);
    String proto = "tcp";
    int slash = spec.indexOf('/');
    if (slash >= 0) {
      proto = spec.substring(slash + 1);
      spec = spec.substring(0, slash);
    }
    if (!proto.matches("tcp|udp|sctp") || !spec.matches("\\d+(-\\d+)?")) {
      throw new InvalidArgument("invalid containerPort: " + word);
    }
    String[] range = spec.split("-");
    int first = Integer.parseInt(range[0]);
    int last = range.length == 2 ? Integer.parseInt(range[1]) : first;
    if (first < 1 || last > 65535 || last < first) {
      throw new InvalidArgument("invalid containerPort: " + word);
    }
    List<String> out = new ArrayList<>();
    for (int p = first; p <= last; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }

  static void user(StageBuild s, Instruction i) {
    s.config.user = s.session.expander.expand(i.args().getFirst(), s.variables());
    s.metadataStep("USER", "USER " + s.config.user);
  }

  static void volume(StageBuild s, Instruction i) {
    List<String> paths = new ArrayList<>();
    for (String arg : i.args()) {
      if (i.json()) {
        paths.add(s.session.expander.expand(arg, s.variables()));
      } else {
        paths.addAll(s.session.expander.expandWords(arg, s.variables()));
      }
    }
    for (String p : paths) {
      if (p.isBlank()) {
        throw new InvalidArgument("VOLUME specified can not be an empty string");
      }
      s.config.volumes.put(p, Map.of());
    }
    s.metadataStep("VOLUME", "VOLUME " + json(paths));
  }

  static void stopSignal(StageBuild s, Instruction i) {
    s.config.stopSignal = s.session.expander.expand(i.args().getFirst(), s.variables());
    s.metadataStep("STOPSIGNAL", "STOPSIGNAL " + s.config.stopSignal);
  }

  /** The command of CMD, ENTRYPOINT and RUN: the JSON array as is, else the shell and the text. */
  static List<String> command(StageBuild s, Instruction i) {
    if (i.json()) {
      return List.copyOf(i.args());
    }
    List<String> cmd = new ArrayList<>(s.config.shellOrDefault());
    cmd.add(i.text());
    return cmd;
  }

  static void cmd(StageBuild s, Instruction i) {
    s.config.cmd = command(s, i);
    s.cmdSet = true;
    s.metadataStep("CMD", "CMD " + json(s.config.cmd));
  }

  static void entrypoint(StageBuild s, Instruction i) {
    s.config.entrypoint = command(s, i);
    if (!s.cmdSet) {
      s.config.cmd = null; // an ENTRYPOINT drops the CMD the base image had
    }
    s.metadataStep("ENTRYPOINT", "ENTRYPOINT " + json(s.config.entrypoint));
  }

  static void shell(StageBuild s, Instruction i) {
    s.config.shell = List.copyOf(i.args());
    s.metadataStep("SHELL", "SHELL " + json(s.config.shell));
  }

  static void healthcheck(StageBuild s, Instruction i) {
    Map<String, Object> check = new LinkedHashMap<>();
    String type = i.args().getFirst().toUpperCase(Locale.ROOT);
    if (type.equals("NONE")) {
      check.put("Test", List.of("NONE"));
    } else {
      List<String> test = new ArrayList<>();
      if (i.json()) {
        test.add("CMD");
        test.addAll(i.args().subList(1, i.args().size()));
      } else {
        test.add("CMD-SHELL");
        test.add(i.args().get(1));
      }
      check.put("Test", test);
      duration(check, "Interval", i.flag("interval"));
      duration(check, "Timeout", i.flag("timeout"));
      duration(check, "StartPeriod", i.flag("start-period"));
      duration(check, "StartInterval", i.flag("start-interval"));
      String retries = i.flag("retries");
      if (retries != null && !retries.isEmpty() && Integer.parseInt(retries) != 0) {
        check.put("Retries", Integer.parseInt(retries));
      }
    }
    s.config.healthcheck = check;
    s.metadataStep("HEALTHCHECK", "HEALTHCHECK " + json(check));
  }

  private static void duration(Map<String, Object> check, String key, String value) {
    if (value != null && !value.isEmpty()) {
      long nanos = HealthcheckRules.nanos(value);
      if (nanos != 0) {
        check.put(key, nanos);
      }
    }
  }

  static void onBuild(StageBuild s, Instruction i) {
    String trigger = i.trigger().original();
    s.config.onBuild.add(trigger);
    s.metadataStep("ONBUILD", "ONBUILD " + trigger);
  }

  static void maintainer(StageBuild s, Instruction i) {
    s.author = i.args().getFirst();
    s.metadataStep("MAINTAINER", "MAINTAINER " + s.author);
  }

  /**
   * ARG: declares {@code name}, valued by the request's build arg, else its default (expanded),
   * else — for a meta ARG declared again without a default — the meta ARG's value.
   */
  static void arg(StageBuild s, Instruction i) {
    List<String> parts = new ArrayList<>();
    for (KeyValue kv : i.pairs()) {
      String name = kv.key();
      String given = s.session.buildArg(name);
      String value;
      if (given != null) {
        value = given;
      } else if (kv.value() != null) {
        value = s.session.expander.expand(kv.value(), s.variables());
      } else {
        value = s.session.metaArgs.get(name);
      }
      s.args.put(name, value);
      parts.add(kv.value() == null ? name : name + "=" + kv.value());
    }
    s.metadataStep("ARG", "ARG " + String.join(" ", parts));
  }
}
