package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signs in the way teachers and admins do, in real headless Chromium against the whole stack: through the
 * identity provider's login page (mock-oauth2-server) to the district's own pages only; by a launch from the
 * simulated Canvas course to that course's page, with no login; and a forged, a replayed and an expired launch
 * refused with a page that says why.
 */
class SignInIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long FRIZZLE = 9001;
    private static LocalStack stack;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() {
        assertThat(CHROMIUM).as("Chromium (run .ci/install-tools)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (run .ci/install-tools)").isExecutable();
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-sign-in"));
        stack.requestFullSync(List.of("101", "102"), "sign-in-test");
        await().atMost(BOUND).untilAsserted(() -> given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .get("/api/districts/demo/courses").then().statusCode(200).body("courseId", hasItems("101", "102")));
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anAdminSignsInOnTheIdentityProvidersLoginPageAndSeesOnlyTheirDistrict() {
        WebDriver browser = browser();
        browser.get(stack.statusUrl() + "/ui/districts/demo");
        WebDriverWait wait = new WebDriverWait(browser, BOUND, Duration.ofMillis(200));
        wait.until(driver -> path(driver).equals("/ui/sign-in"));
        browser.findElement(By.id("sign-in-oidc")).click();

        wait.until(driver -> driver.getCurrentUrl().startsWith(stack.tokens().issuer()));
        assertThat(browser.findElements(By.id("demo-admin"))).as("the provider's login page").isNotEmpty();
        browser.findElement(By.id("demo-admin")).click();

        wait.until(driver -> path(driver).equals("/ui/districts/demo"));
        WebElement signedIn = browser.findElement(By.id("signed-in"));
        assertThat(signedIn.getAttribute("data-sign-in")).isEqualTo("oidc");
        assertThat(signedIn.getAttribute("data-caller")).isEqualTo("admin@demo.k12.example");
        assertThat(browser.findElements(By.cssSelector("#courses tr[data-course-id]")))
                .extracting(row -> row.getAttribute("data-course-id")).contains("101", "102");
        assertThat(browser.manage().getCookieNamed("q_session")).as("the provider's session cookie").isNotNull();
        assertThat(browser.manage().getCookieNamed("q_session").isHttpOnly()).isTrue();

        browser.get(stack.statusUrl() + "/ui/districts/springfield");
        wait.until(driver -> !driver.findElements(By.id("error")).isEmpty());
        assertThat(browser.findElement(By.id("error")).getAttribute("data-code")).isEqualTo("forbidden");
        browser.get(stack.statusUrl() + "/ui/districts/springfield/courses/101");
        wait.until(driver -> !driver.findElements(By.id("error")).isEmpty());
        assertThat(browser.findElement(By.id("error")).getAttribute("data-code")).isEqualTo("forbidden");
    }

    @Test
    void aTeacherLaunchesFromTheCanvasCourseAndLandsOnThatCoursesPageWithNoLogin() {
        WebDriver browser = browser();
        browser.get(stack.canvasCoursePage(101, FRIZZLE));
        WebDriverWait wait = new WebDriverWait(browser, BOUND, Duration.ofMillis(200));
        wait.until(driver -> !driver.findElements(By.cssSelector("a.external-tool")).isEmpty());
        browser.findElement(By.cssSelector("a.external-tool[data-tool-id='" + LocalStack.LTI_CLIENT_ID + "']"))
                .click();

        wait.until(driver -> path(driver).equals("/ui/districts/demo/courses/101"));
        assertThat(browser.findElement(By.id("course-title")).getAttribute("data-course-id")).isEqualTo("101");
        assertThat(browser.findElement(By.id("course-title")).getText()).isEqualTo("Biology 1");
        assertThat(browser.findElement(By.id("signed-in")).getAttribute("data-sign-in")).isEqualTo("lti");
        assertThat(browser.manage().getCookieNamed("q_session")).as("no login at the identity provider").isNull();
        assertThat(browser.manage().getCookieNamed("ccsync_lti_session")).isNotNull();

        browser.get(stack.statusUrl() + "/ui/districts/demo/courses/102");
        wait.until(driver -> !driver.findElements(By.id("error")).isEmpty());
        assertThat(browser.findElement(By.id("error")).getAttribute("data-code")).as("another course")
                .isEqualTo("forbidden");
    }

    @Test
    void aForgedAReplayedAndAnExpiredLaunchAreRefusedWithAClearPage() {
        String launch = stack.canvas().baseUrl() + "/courses/101/external_tools/" + LocalStack.LTI_CLIENT_ID
                + "?as_user_id=" + FRIZZLE;

        WebDriver forged = browser();
        assertRefused(forged, launch + "&sim_fault=forged", "launch_forged", "not signed by your district");
        assertThat(forged.manage().getCookieNamed("ccsync_lti_session")).as("no session opened").isNull();
        WebDriver expired = browser();
        assertRefused(expired, launch + "&sim_fault=expired", "launch_expired", "expired");
        assertThat(expired.manage().getCookieNamed("ccsync_lti_session")).as("no session opened").isNull();

        WebDriver browser = browser();
        browser.get(launch);
        new WebDriverWait(browser, BOUND, Duration.ofMillis(200))
                .until(driver -> path(driver).equals("/ui/districts/demo/courses/101"));
        assertRefused(browser, stack.canvas().baseUrl() + "/sim/lti/replay", "launch_replayed", "already used");
    }

    @Test
    void aScriptGetsATokenFromTheSameProviderByClientCredentialsAndItsChangeIsAudited() {
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", LocalStack.DEMO_SCRIPT_CLIENT).formParam("client_secret", "anything")
                .formParam("scope", "ccsync").post(stack.tokens().tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
        String runId = given().baseUri(stack.statusUrl()).auth().oauth2(token)
                .post("/api/districts/demo/courses/102/sync").then().statusCode(202).extract().path("runId");
        given().baseUri(stack.statusUrl()).auth().oauth2(token).get("/api/districts/demo/audit")
                .then().statusCode(200)
                .body("find { it.target == '" + runId + "' }.signIn", equalTo("script"))
                .body("find { it.target == '" + runId + "' }.actor", equalTo(LocalStack.DEMO_SCRIPT_CLIENT));
        given().baseUri(stack.statusUrl()).auth().oauth2(token).get("/api/districts/springfield/courses")
                .then().statusCode(403);
    }

    private static void assertRefused(WebDriver browser, String url, String code, String sentence) {
        browser.get(url);
        new WebDriverWait(browser, BOUND, Duration.ofMillis(200))
                .until(driver -> !driver.findElements(By.id("launch-error")).isEmpty());
        WebElement error = browser.findElement(By.id("launch-error"));
        assertThat(error.getAttribute("data-code")).isEqualTo(code);
        assertThat(error.getText()).contains(sentence);
        assertThat(path(browser)).isEqualTo("/lti/launch");
        assertThat(browser.getPageSource()).doesNotContain("Exception", "at org.", "eyJ");
    }

    private WebDriver browser() {
        try {
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-quic", "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--window-size=1400,1600",
                            "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            WebDriver browser = new ChromeDriver(service, options);
            browsers.add(browser);
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(WebDriver driver) {
        return URI.create(driver.getCurrentUrl()).getPath();
    }
}
