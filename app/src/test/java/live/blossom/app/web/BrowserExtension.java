package live.blossom.app.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Chromium for the page tests: Debian's package, launched from its path (Playwright
 * downloads nothing), headless with the flags an offline machine needs. Each test gets fresh
 * browser contexts (separate people: separate session storage); when a test fails, every page
 * it opened is saved as a screenshot under {@code target/browser-failures/}.
 */
public final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterTestExecutionCallback, AfterEachCallback {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path FAILURES = Paths.get("target", "browser-failures");

    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!chromiumInstalled()) {
            return; // each test then reports itself skipped, with the package to install
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--autoplay-policy=no-user-gesture-required")));
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requireChromium();
    }

    /** The one place where these tests may be skipped: without Chromium there is no browser to drive. */
    static void requireChromium() {
        Assumptions.assumeTrue(chromiumInstalled(),
                "Chromium is not installed at " + CHROMIUM + ": install it with `apt-get install -y chromium` to run the browser tests");
    }

    /** A new browser context (a separate visitor) with one page, on a phone-to-laptop sized screen. */
    public Page newVisitor() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 900));
        context.setDefaultTimeout(45_000);
        contexts.add(context);
        return context.newPage();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        int i = 0;
        for (BrowserContext c : contexts) {
            for (Page page : c.pages()) {
                try {
                    Files.createDirectories(FAILURES);
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                            .setPath(FAILURES.resolve(name + "-" + (i++) + ".png")));
                } catch (Exception e) {
                    // a crashed page cannot be photographed; the test's own failure says why
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (BrowserContext c : contexts) {
            c.close();
        }
        contexts.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }
}
