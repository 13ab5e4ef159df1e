/**
 * Images: the store of image records (config digest = image ID), their tags and repo digests,
 * and the operations Docker users run on them (import, load, save, tag, rmi, history, prune).
 */
package io.wharf.engine.image;
