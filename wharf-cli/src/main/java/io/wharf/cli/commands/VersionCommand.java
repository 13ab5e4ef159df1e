package io.wharf.cli.commands;

import io.wharf.api.ApiVersion;
import io.wharf.cli.Wharf;
import io.wharf.cli.format.GoTemplate;
import io.wharf.client.ApiException;
import io.wharf.client.ConnectException;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code wharf version}: the client's and the server's versions, laid out as docker's. */
public final class VersionCommand extends WharfCommand {
  private static final String TEMPLATE = """
      Client:
       Version:           {{.Client.Version}}
       API version:       {{.Client.APIVersion}}{{if ne .Client.APIVersion .Client.DefaultAPIVersion}} (downgraded from {{.Client.DefaultAPIVersion}}){{end}}
       Java version:      {{.Client.GoVersion}}
       Git commit:        {{.Client.GitCommit}}
       OS/Arch:           {{.Client.Os}}/{{.Client.Arch}}
      {{- if .Server}}

      Server: {{.Server.Platform.Name}}
       Engine:
        Version:          {{.Server.Version}}
        API version:      {{.Server.APIVersion}} (minimum version {{.Server.MinAPIVersion}})
        Java version:     {{.Server.GoVersion}}
        Git commit:       {{.Server.GitCommit}}
        Built:            {{.Server.BuildTime}}
        OS/Arch:          {{.Server.Os}}/{{.Server.Arch}}
        Experimental:     {{.Server.Experimental}}
      {{- end}}""";

  @Flag(names = {"-f", "--format"}, label = "string", description = "Format output using a custom template")
  String format;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Show the Wharf version information";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("Version", Wharf.VERSION);
    client.put("DefaultAPIVersion", ApiVersion.CURRENT.toString());
    client.put("GoVersion", "java" + Runtime.version().feature());
    client.put("GitCommit", Wharf.gitCommit());
    client.put("Os", "linux");
    client.put("Arch", "amd64");
    client.put("Context", "default");
    data.put("Client", client);
    data.put("Server", null);
    RuntimeException failure = null;
    try {
      client.put("APIVersion", ctx.client().version().toString());
      try (Response response = ctx.client().get("/version")) {
        Map<String, Object> server = response.object();
        server.put("APIVersion", server.get("ApiVersion"));
        data.put("Server", server);
      }
    } catch (ConnectException | ApiException e) {
      client.put("APIVersion", ApiVersion.CURRENT.toString());
      failure = e;
    }
    String text = (format == null ? GoTemplate.parse(TEMPLATE)
        : GoTemplate.parse(format.replace("\\t", "\t").replace("\\n", "\n"))).execute(data);
    ctx.out().println(text);
    if (failure != null) {
      throw failure;
    }
    return 0;
  }

}
