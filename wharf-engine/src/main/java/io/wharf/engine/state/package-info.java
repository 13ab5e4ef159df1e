/**
 * The engine's records in SQLite ({@code <data-root>/wharf.db}): one table set per object
 * kind, every multi-step change in one transaction, so that a crash leaves each object either
 * fully recorded or absent.
 */
package io.wharf.engine.state;
