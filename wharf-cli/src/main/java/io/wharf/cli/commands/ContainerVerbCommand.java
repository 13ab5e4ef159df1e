package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * A command applied to each named container in turn ({@code start}, {@code stop},
 * {@code kill}, {@code rm}, {@code wait}): docker prints each name (or result) as it succeeds
 * and the errors at the end, with exit 1 if any.
 */
abstract class ContainerVerbCommand extends WharfCommand {
  @Override
  public String usageArgs() {
    return "[OPTIONS] CONTAINER [CONTAINER...]";
  }

  /** Does the verb to one container; returns what to print, or null for nothing. */
  abstract String apply(String container) throws Exception;

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    List<String> errors = new ArrayList<>();
    for (String container : args) {
      try {
        String printed = apply(container);
        if (printed != null) {
          ctx.out().println(printed);
        }
      } catch (ApiException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    errors.forEach(ctx.err()::println);
    return errors.isEmpty() ? 0 : 1;
  }

  /** POSTs to {@code path} and ignores the (empty) answer. */
  void post(String path) throws Exception {
    try (Response ignored = ctx.client().post(path, null)) {
      // 204 or 304: both success
    }
  }
}
