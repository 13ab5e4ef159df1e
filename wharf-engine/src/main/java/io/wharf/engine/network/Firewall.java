package io.wharf.engine.network;

import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wharf's iptables rules, kept in chains of this daemon's own ({@code WHARF-<tag>} for published
 * ports in the nat table, {@code WHARF-<tag>-POST} for masquerading, {@code WHARF-<tag>-FWD} for
 * the filter table's isolation rules), jumped to from the built-in chains. Changes go through
 * one {@code iptables-restore --noflush} each, whatever their number of rules; the backend is
 * the host's ({@code iptables} is iptables-nft or -legacy as the host chose). A real Docker's
 * chains are never touched. Thread-safe (one change at a time).
 */
final class Firewall {
  private final String nat;
  private final String post;
  private final String forward;

  Firewall(String tag) {
    this.nat = "WHARF-" + tag;
    this.post = "WHARF-" + tag + "-POST";
    this.forward = "WHARF-" + tag + "-FWD";
  }

  /**
   * Makes this daemon's chains empty (creating them when missing) and jumps to them from the
   * built-in chains once, then adds {@code rules}: what the store says should exist. Start-up
   * calls it, so that rules a crash left behind go.
   */
  synchronized void reset(List<String> natRules, List<String> filterRules) {
    String saved = run(List.of("iptables-save"), null);
    List<String> script = new ArrayList<>();
    script.add("*nat");
    script.add(":" + nat + " - [0:0]");
    script.add(":" + post + " - [0:0]");
    jump(saved, script, "-A PREROUTING -m addrtype --dst-type LOCAL -j " + nat);
    jump(saved, script, "-A OUTPUT -m addrtype --dst-type LOCAL -j " + nat);
    jump(saved, script, "-A POSTROUTING -j " + post);
    natRules.forEach(r -> script.add("-A " + r));
    script.add("COMMIT");
    script.add("*filter");
    script.add(":" + forward + " - [0:0]");
    jump(saved, script, "-A FORWARD -j " + forward);
    filterRules.forEach(r -> script.add("-A " + r));
    script.add("COMMIT");
    restore(script);
  }

  private static void jump(String saved, List<String> script, String rule) {
    if (!saved.lines().anyMatch(line -> line.strip().equals(rule))) {
      script.add(rule.replace("-A PREROUTING", "-I PREROUTING").replace("-A OUTPUT", "-I OUTPUT")
          .replace("-A POSTROUTING", "-I POSTROUTING").replace("-A FORWARD", "-I FORWARD"));
    }
  }

  /** Adds ({@code add}) or deletes rules in the nat and filter tables, in one change. */
  synchronized void apply(boolean add, List<String> natRules, List<String> filterRules) {
    if (natRules.isEmpty() && filterRules.isEmpty()) {
      return;
    }
    String op = add ? "-A " : "-D ";
    List<String> script = new ArrayList<>();
    if (!natRules.isEmpty()) {
      script.add("*nat");
      natRules.forEach(r -> script.add(op + r));
      script.add("COMMIT");
    }
    if (!filterRules.isEmpty()) {
      script.add("*filter");
      filterRules.forEach(r -> script.add(op + r));
      script.add("COMMIT");
    }
    restore(script);
  }

  String natChain() {
    return nat;
  }

  String postChain() {
    return post;
  }

  String forwardChain() {
    return forward;
  }

  /** Whether this daemon's chains exist (a process: only at start-up). */
  boolean installed() {
    return run(List.of("iptables-save", "-t", "nat"), null).contains(":" + nat + " ");
  }

  /** Removes this daemon's chains and their jumps (nothing of it left on the host). */
  synchronized void removeAll() {
    String saved = run(List.of("iptables-save"), null);
    List<String> script = new ArrayList<>();
    script.add("*nat");
    for (String rule : List.of("-A PREROUTING -m addrtype --dst-type LOCAL -j " + nat,
        "-A OUTPUT -m addrtype --dst-type LOCAL -j " + nat, "-A POSTROUTING -j " + post)) {
      if (saved.lines().anyMatch(line -> line.strip().equals(rule))) {
        script.add(rule.replace("-A ", "-D "));
      }
    }
    if (saved.contains(":" + nat + " ")) {
      script.add("-F " + nat);
      script.add("-X " + nat);
    }
    if (saved.contains(":" + post + " ")) {
      script.add("-F " + post);
      script.add("-X " + post);
    }
    script.add("COMMIT");
    script.add("*filter");
    if (saved.lines().anyMatch(line -> line.strip().equals("-A FORWARD -j " + forward))) {
      script.add("-D FORWARD -j " + forward);
    }
    if (saved.contains(":" + forward + " ")) {
      script.add("-F " + forward);
      script.add("-X " + forward);
    }
    script.add("COMMIT");
    restore(script);
  }

  private static void restore(List<String> script) {
    run(List.of("iptables-restore", "-w", "--noflush"), String.join("\n", script) + "\n");
  }

  private static String run(List<String> command, String input) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (input != null) {
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SystemError(command.getFirst() + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new SystemError(command.getFirst() + " failed: " + out.strip()
            + (input == null ? "" : "\ninput:\n" + input));
      }
      return out;
    } catch (IOException e) {
      throw new SystemError(command.getFirst() + ": " + e.getMessage() + " (apt-get install iptables)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SystemError(command.getFirst() + " interrupted", e);
    }
  }
}
