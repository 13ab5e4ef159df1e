/**
 * The builder: {@code docker build} as Docker's classic builder does it. {@link
 * io.wharf.engine.build.LocalBuilder} unpacks the context, parses the Dockerfile
 * ({@code build.dockerfile}), plans the stages a target needs ({@link
 * io.wharf.engine.build.StagePlan}) and runs each instruction through its handler ({@link
 * io.wharf.engine.build.StepHandlers}): RUN in a real container, COPY/ADD and WORKDIR as layers
 * written through a mounted step root file system, the rest as config. Every step is cached
 * under its {@link io.wharf.engine.build.CacheKey} in the state database.
 */
package io.wharf.engine.build;
