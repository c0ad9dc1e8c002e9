package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives status-service's monitoring page in real headless Chromium (Debian's chromium and chromium-driver, which
 * {@code .ci/install-tools} installs): sign in, open a course, press "Sync now" and see the run complete.
 */
class MonitoringPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static LocalStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("Chromium (run .ci/install-tools)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (run .ci/install-tools)").isExecutable();
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-monitoring-page"));
        stack.requestFullSync(List.of("101", "102"), "browser-test");
        await().atMost(BOUND).untilAsserted(() -> given().baseUri(stack.statusUrl())
                .auth().oauth2(stack.adminToken())
                .get("/api/districts/demo/courses/102/items?status=FAILED")
                .then().statusCode(200).body("size()", greaterThan(0)));
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1400,2000",
                        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anAdminSignsInPressesSyncNowAndSeesTheRunComplete() throws Exception {
        browser.get(stack.statusUrl() + "/ui/sign-in");
        browser.findElement(By.id("token")).sendKeys(stack.adminToken());
        browser.findElement(By.id("sign-in")).click();

        browser.get(stack.statusUrl() + "/ui/districts/demo/courses/101");
        assertThat(browser.getPageSource())
                .as("the course page explains skips in plain words")
                .contains("Cell Structure Quiz", "Reading Log");
        assertThat(browser.findElements(By.cssSelector("[data-status='SKIPPED']"))).isNotEmpty();

        browser.findElement(By.id("sync-now")).click();
        // The page refreshes the run panel while it polls, so an element found in one poll can be replaced before
        // its attributes are read: such a poll is simply retried.
        WebDriverWait wait = new WebDriverWait(browser, BOUND, Duration.ofMillis(500));
        wait.ignoring(StaleElementReferenceException.class);
        List<String> finalRun = wait.until(driver -> {
            List<WebElement> run = driver.findElements(By.id("latest-run"));
            if (run.isEmpty()) {
                return null;
            }
            String stage = run.get(0).getAttribute("data-run-stage");
            String runId = run.get(0).getAttribute("data-run-id");
            return "PUBLISHED".equals(stage) || "FAILED".equals(stage) ? List.of(stage, String.valueOf(runId)) : null;
        });
        assertThat(finalRun.get(0)).isEqualTo("PUBLISHED");
        assertThat(finalRun.get(1)).isNotBlank().isNotEqualTo("null");

        Path screenshot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = LocalStack.projectRoot().resolve("sandbox/stack/target");
        Files.createDirectories(target);
        Files.copy(screenshot, target.resolve("course-page.png"), StandardCopyOption.REPLACE_EXISTING);

        browser.get(stack.statusUrl() + "/ui/districts/demo/courses/102");
        assertThat(browser.findElements(By.cssSelector("[data-status='FAILED']")))
                .as("a failed result with IC's own message")
                .isNotEmpty();
        assertThat(browser.getPageSource()).contains("not enrolled");
    }
}
