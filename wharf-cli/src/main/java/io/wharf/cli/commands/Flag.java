package io.wharf.cli.commands;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command's flag, on the field that receives it: boolean, String, int or {@code List<String>}
 * (repeatable). The field's initial value is the default; a {@code Boolean} field left null
 * tells a flag not given from one set to its default, as pflag's {@code Changed}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Flag {
  /** {@code {"-a", "--all"}} or {@code {"--digests"}}. */
  String[] names();

  /** The value's name in help ({@code string}, {@code list}); empty for booleans. */
  String label() default "";

  String description() default "";

  /** Accepted but left out of {@code --help}, as docker hides deprecated flags. */
  boolean hidden() default false;
}
