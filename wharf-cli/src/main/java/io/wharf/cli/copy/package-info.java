/**
 * The local side of {@code wharf cp}, as the docker CLI does it with moby's {@code archive}
 * package: which end is a container ({@link io.wharf.cli.copy.CopyArgument}), how a trailing
 * {@code /} or {@code /.} and symbolic links decide names ({@link io.wharf.cli.copy.UnixPaths},
 * {@link io.wharf.cli.copy.CopyPlan}), the tar of a local source
 * ({@link io.wharf.cli.copy.SourceTar}), and extraction of a container's tar that never writes
 * outside its destination ({@link io.wharf.cli.copy.TarExtractor}).
 */
package io.wharf.cli.copy;
