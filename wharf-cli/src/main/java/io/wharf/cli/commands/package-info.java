/** One class per {@code wharf} command, each a picocli command translating to API calls. */
package io.wharf.cli.commands;
