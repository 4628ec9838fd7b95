package live.blossom.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints the configuration reference (docs/configuration.md is this output). */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print every configuration key with its environment variable, default and meaning (Markdown).")
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigReference.markdown());
        out.flush();
        return 0;
    }
}
