/**
 * The Docker Engine API's wire model: versions, and records for the JSON bodies of requests
 * and responses (the "templates"), with Docker's field names. Kept apart from the engine's
 * types: the daemon translates between the two, the client reads these.
 */
package io.wharf.api;
