package live.blossom.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code blossom} command: {@code demo} for a laptop, {@code serve} for production nodes. */
@Command(name = "blossom", mixinStandardHelpOptions = true, version = "blossom 0.1.0",
        description = "Livestream commerce: RTMP ingest and relay, chat rooms, flash sales, studio booking.",
        subcommands = {DemoCommand.class, ServeCommand.class})
public final class BlossomCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BlossomCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
