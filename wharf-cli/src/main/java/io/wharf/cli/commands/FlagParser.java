package io.wharf.cli.commands;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a command's arguments as the docker CLI's pflag does: long flags
 * ({@code --format x}, {@code --format=x}, {@code --all=false}), POSIX short clusters
 * ({@code -aq}, {@code -fvalue}, {@code -f value}), flags anywhere among the arguments, and
 * {@code --} to end them; errors in pflag's words. Fields carry {@link Flag}. Stateless.
 *
 * <p>Why not picocli, which wharfd uses: its jar is Java 5 bytecode, which the JDK's AOT cache
 * cannot hold, and building its model by reflection cost about 50 ms of the 100 ms that a
 * {@code wharf} command may take.
 */
public final class FlagParser {
  private FlagParser() {}

  /** The flags of {@code type} by every name, in declaration order. */
  public static Map<String, Field> flags(Class<?> type) {
    Map<String, Field> flags = new LinkedHashMap<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        Flag flag = field.getAnnotation(Flag.class);
        if (flag != null) {
          field.setAccessible(true);
          for (String name : flag.names()) {
            flags.put(name, field);
          }
        }
      }
    }
    return flags;
  }

  /** Sets the flags of {@code command} from {@code args}; returns the positional arguments. */
  public static List<String> parse(Object command, String[] args) {
    return parse(command, args, true);
  }

  /**
   * As {@link #parse(Object, String[])}; without {@code interspersed}, flags end at the first
   * positional argument ({@code run IMAGE ls -l}: {@code -l} is the command's, as pflag's
   * SetInterspersed(false) does for run, create and exec).
   */
  public static List<String> parse(Object command, String[] args, boolean interspersed) {
    Map<String, Field> flags = flags(command.getClass());
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        positional.addAll(List.of(args).subList(i + 1, args.length));
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        Field field = flags.get(name);
        if (field == null) {
          throw new WharfCommand.UsageError("unknown flag: " + name, 125);
        }
        if (isBoolean(field)) {
          set(command, field, name, eq < 0 ? "true" : arg.substring(eq + 1));
        } else if (eq >= 0) {
          set(command, field, name, arg.substring(eq + 1));
        } else if (i + 1 < args.length) {
          set(command, field, name, args[++i]);
        } else {
          throw new WharfCommand.UsageError("flag needs an argument: " + name, 125);
        }
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int j = 1; j < arg.length(); j++) {
          String name = "-" + arg.charAt(j);
          Field field = flags.get(name);
          if (field == null) {
            throw new WharfCommand.UsageError("unknown shorthand flag: '" + arg.charAt(j) + "' in " + arg, 125);
          }
          String rest = arg.substring(j + 1);
          if (isBoolean(field)) {
            if (rest.startsWith("=")) {
              set(command, field, name, rest.substring(1));
              break;
            }
            set(command, field, name, "true");
          } else {
            if (!rest.isEmpty()) {
              set(command, field, name, rest.startsWith("=") ? rest.substring(1) : rest);
            } else if (i + 1 < args.length) {
              set(command, field, name, args[++i]);
            } else {
              throw new WharfCommand.UsageError("flag needs an argument: '" + arg.charAt(j) + "' in " + name, 125);
            }
            break;
          }
        }
      } else if (!interspersed) {
        positional.addAll(List.of(args).subList(i, args.length));
        break;
      } else {
        positional.add(arg);
      }
    }
    return positional;
  }

  private static boolean isBoolean(Field field) {
    return field.getType() == boolean.class || field.getType() == Boolean.class;
  }

  @SuppressWarnings("unchecked")
  private static void set(Object command, Field field, String name, String value) {
    Flag flag = field.getAnnotation(Flag.class);
    String both = String.join(", ", flag.names());
    try {
      if (isBoolean(field)) {
        field.set(command, switch (value.toLowerCase(java.util.Locale.ROOT)) {
          case "1", "t", "true" -> true;
          case "0", "f", "false" -> false;
          default -> throw new WharfCommand.UsageError("invalid argument \"" + value + "\" for \"" + both
              + "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax", 125);
        });
      } else if (field.getType() == int.class) {
        try {
          field.setInt(command, Integer.parseInt(value));
        } catch (NumberFormatException e) {
          throw new WharfCommand.UsageError("invalid argument \"" + value + "\" for \"" + both
              + "\" flag: strconv.ParseInt: parsing \"" + value + "\": invalid syntax", 125);
        }
      } else if (List.class.isAssignableFrom(field.getType())) {
        ((List<String>) field.get(command)).add(value);
      } else {
        field.set(command, value);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("flag field " + field + " is not accessible", e);
    }
  }
}
