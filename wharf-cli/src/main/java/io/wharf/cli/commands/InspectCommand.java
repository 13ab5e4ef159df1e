package io.wharf.cli.commands;

import io.wharf.cli.CliContext;
import io.wharf.cli.format.GoTemplate;
import io.wharf.client.ApiException;
import io.wharf.client.Response;
import io.wharf.client.JsonValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wharf inspect} and {@code wharf image inspect}: JSON of each object (indented with
 * four spaces, as Go's json.Indent), or a template per object. The generic form tries each
 * kind of object in turn, as docker does, and says "No such object" when none has the name.
 */
public final class InspectCommand extends WharfCommand {
  private static final List<String> KINDS = List.of("container", "image", "network", "volume");

  @Flag(names = {"-f", "--format"}, label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = "--type", label = "string", description = "Only inspect objects of the given type")
  String type;

  @Flag(names = {"-s", "--size"}, description = "Display total file sizes if the type is container")
  boolean size;

  private final boolean imagesOnly;

  public InspectCommand() {
    this(false);
  }

  public InspectCommand(boolean imagesOnly) {
    this.imagesOnly = imagesOnly;
  }

  @Override
  public String usageArgs() {
    return imagesOnly ? "[OPTIONS] IMAGE [IMAGE...]" : "[OPTIONS] NAME|ID [NAME|ID...]";
  }

  @Override
  public String description() {
    return imagesOnly ? "Display detailed information on one or more images"
        : "Return low-level information on Docker objects";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    if (type != null && !KINDS.contains(type)) {
      throw new UsageError("\"" + type + "\" is not a valid value for --type", 1);
    }
    GoTemplate template = template(format);
    List<Object> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String name : args) {
      Object object = lookup(name, errors);
      if (object != null) {
        found.add(object);
      }
    }
    return report(ctx, template, found, errors);
  }

  /** The template of {@code -f}, or null for JSON (no format, or {@code json}). */
  static GoTemplate template(String format) {
    return format == null || format.isEmpty() || format.equals("json") ? null
        : GoTemplate.parse(format.replace("\\t", "\t").replace("\\n", "\n"));
  }

  /** Prints what was found, then the errors; exit 1 if there were any. */
  static int report(CliContext ctx, GoTemplate template, List<Object> found, List<String> errors) {
    if (template != null) {
      for (Object object : found) {
        ctx.out().println(template.execute(object));
      }
    } else {
      ctx.out().println(JsonValues.pretty(found)); // "[]" when nothing was found, as docker prints it
    }
    errors.forEach(ctx.err()::println);
    return errors.isEmpty() ? 0 : 1;
  }

  private Object lookup(String name, List<String> errors) throws Exception {
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
    if (imagesOnly || "image".equals(type)) {
      try (Response response = ctx.client().get("/images/" + encoded + "/json")) {
        return response.json();
      } catch (ApiException e) {
        if (e.status() != 404) {
          throw e;
        }
        errors.add(imagesOnly ? "Error response from daemon: " + e.getMessage() : "Error: No such image: " + name);
        return null;
      }
    }
    for (String kind : type == null ? KINDS : List.of(type)) {
      String path = switch (kind) {
        case "container" -> "/containers/" + encoded + "/json";
        case "image" -> "/images/" + encoded + "/json";
        case "network" -> "/networks/" + encoded;
        default -> "/volumes/" + encoded;
      };
      try (Response response = ctx.client().get(path)) {
        return response.json();
      } catch (ApiException e) {
        if (e.status() != 404) {
          throw e;
        }
      }
    }
    errors.add("Error: No such " + (type == null ? "object" : type) + ": " + name);
    return null;
  }
}
