/** One class per {@code wharf} command, its flags on {@link io.wharf.cli.commands.Flag} fields, translating to API calls. */
package io.wharf.cli.commands;
