package io.wharf.bench;

import io.wharf.engine.build.dockerfile.DockerfileParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing a two-stage Dockerfile of 20 instructions (continuations, a heredoc, args). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DockerfileParseBenchmark {
  static final String DOCKERFILE = """
      # syntax=docker/dockerfile:1
      ARG BASE=busybox
      FROM ${BASE} AS deps
      ENV APP=/app \\
          MODE=release
      WORKDIR $APP
      COPY a.txt b.txt ./
      RUN echo one > /one && \\
          echo two > /two && \\
          ls /app > /listing
      RUN <<EOT
      echo heredoc
      echo more
      EOT
      ARG LEVEL=1
      LABEL stage=deps level=$LEVEL
      FROM busybox
      COPY --from=deps /one /two /
      COPY c.txt /app/c.txt
      USER nobody
      EXPOSE 8080/tcp
      VOLUME ["/data"]
      HEALTHCHECK --interval=5s CMD true
      STOPSIGNAL SIGTERM
      ENTRYPOINT ["sh", "-c"]
      CMD ["echo hello"]
      """;

  @Benchmark
  public Object parse() {
    return DockerfileParser.parse(DOCKERFILE, "Dockerfile");
  }
}
