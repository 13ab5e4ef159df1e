/** What a build's client and daemon share: the build context's {@code .dockerignore} rules. */
package io.wharf.api.build;
