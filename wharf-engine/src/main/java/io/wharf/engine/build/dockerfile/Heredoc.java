package io.wharf.engine.build.dockerfile;

/**
 * A here-document attached to RUN, COPY or ADD ({@code RUN <<EOF} … {@code EOF}).
 *
 * <p>{@code name} is the delimiter word with its quotes removed; {@code expand} is false when any
 * part of the delimiter was quoted ({@code <<'EOF'}, {@code <<"EOF"}), in which case Docker does
 * not expand variables in the body; {@code chomp} is true for {@code <<-EOF}. {@code content} is
 * the body as the build uses it: every line ends with {@code \n}, and with {@code chomp} the
 * leading tabs of each line are already removed. Immutable and thread-safe.
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp) {}
