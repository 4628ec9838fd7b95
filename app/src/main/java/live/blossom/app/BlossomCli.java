package live.blossom.app;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code blossom} command: {@code demo} for a laptop, {@code serve} for production nodes. */
@Command(name = "blossom", mixinStandardHelpOptions = true, version = "blossom 0.1.0",
        description = "Livestream commerce: RTMP ingest and relay, chat rooms, flash sales, studio booking.",
        subcommands = {DemoCommand.class, ServeCommand.class, ConfigCommand.class})
public final class BlossomCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The CLI with its error policy: a failure is one line on stderr and exit code 1, not a stack trace. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BlossomCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            LoggerFactory.getLogger(BlossomCli.class).debug("command failed", e);
            commandLine.getErr().println("blossom: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
