package org.ccsync.sandbox.campus;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lifecycle, URLs, config defaults and the environment mapping of the standalone main. */
class CampusSimulatorTest {

    @Test
    void urlsAreDerivedFromTheActualPort() {
        try (CampusSimulator sim = CampusSimulator.start(CampusSimulatorConfig.defaults())) {
            assertThat(sim.port()).isPositive();
            assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
            assertThat(sim.tokenUrl()).isEqualTo(sim.baseUrl() + "/campus/oauth2/token?appName=demo");
            assertThat(sim.gradebookUrl()).isEqualTo(sim.baseUrl() + "/campus/api/ims/oneroster/gradebook/v1p2");
            assertThat(sim.rosteringUrl()).isEqualTo(sim.baseUrl() + "/campus/api/ims/oneroster/rostering/v1p2");
            given().get(sim.baseUrl() + "/sim/stats").then().statusCode(200);
        }
    }

    @Test
    void closeStopsListeningAndIsIdempotent() {
        CampusSimulator sim = CampusSimulator.start(CampusSimulatorConfig.defaults());
        String stats = sim.baseUrl() + "/sim/stats";
        sim.close();
        sim.close();
        assertThatThrownBy(() -> given().get(stats)).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void defaultsMatchTheContract() {
        CampusSimulatorConfig d = CampusSimulatorConfig.defaults();
        assertThat(d).isEqualTo(new CampusSimulatorConfig(0, "demo", "demo", "demo-client", "demo-secret",
                "demo-vendor", "demo-vendor-secret", 3600, 5, 20, true));
        assertThat(d.withMaxConcurrent(1).withLatencyMillis(0).maxConcurrent()).isEqualTo(1);
        assertThat(d.vendorAuthorization()).isEqualTo("demo-vendor:demo-vendor-secret");
    }

    @Test
    void invalidConfigIsRejected() {
        assertThatThrownBy(() -> CampusSimulatorConfig.defaults().withTokenTtlSeconds(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CampusSimulatorConfig.defaults().withClientSecret(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainReadsTheEnvironmentWithDefaults() {
        CampusSimulatorConfig fromEmpty = CampusSimulatorMain.configFrom(Map.of());
        assertThat(fromEmpty).isEqualTo(CampusSimulatorConfig.defaults().withPort(8092));

        CampusSimulatorConfig custom = CampusSimulatorMain.configFrom(Map.of(
                "CAMPUS_SIM_PORT", "9100",
                "CAMPUS_SIM_APP_NAME", "district7",
                "CAMPUS_SIM_CLIENT_ID", "cid",
                "CAMPUS_SIM_CLIENT_SECRET", "csecret",
                "CAMPUS_SIM_VENDOR_KEY", "vk",
                "CAMPUS_SIM_VENDOR_SECRET", "vs",
                "CAMPUS_SIM_MAX_CONCURRENT", "1",
                "CAMPUS_SIM_LATENCY_MS", "0"));
        assertThat(custom.port()).isEqualTo(9100);
        assertThat(custom.appName()).isEqualTo("district7");
        assertThat(custom.vendorAuthorization()).isEqualTo("vk:vs");
        assertThat(custom.clientId()).isEqualTo("cid");
        assertThat(custom.clientSecret()).isEqualTo("csecret");
        assertThat(custom.maxConcurrent()).isEqualTo(1);
        assertThat(custom.latencyMillis()).isZero();
    }

    @Test
    void twoStartsOnTheSamePortFailCleanly() {
        try (CampusSimulator first = CampusSimulator.start(CampusSimulatorConfig.defaults())) {
            assertThatThrownBy(() -> CampusSimulator.start(CampusSimulatorConfig.defaults().withPort(first.port())))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
