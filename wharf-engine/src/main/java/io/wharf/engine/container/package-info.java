/**
 * Containers: their records and state machine (created → running → exited → removed), made
 * from an image and a create request, run through the runtime, with their logs.
 */
package io.wharf.engine.container;
