/**
 * One router per area of the Engine API. Routes only translate: wire request → engine call →
 * wire response. Decisions belong to the engine.
 */
package io.wharf.daemon.routes;
