/**
 * The one place where the engine's services are assembled from their parts, for a data root
 * and an exec root. No service creates another.
 */
package io.wharf.engine.wiring;
