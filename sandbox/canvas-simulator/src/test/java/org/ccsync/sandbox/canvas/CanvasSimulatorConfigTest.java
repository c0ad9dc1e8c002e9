package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CanvasSimulatorConfigTest {

    @Test
    void defaultsMatchTheDemoDistrictSetup() {
        CanvasSimulatorConfig c = CanvasSimulatorConfig.defaults();

        assertThat(c).isEqualTo(new CanvasSimulatorConfig(0, "demo", "demo-canvas-token", null, true, 700, 10, 1.0,
                true));
    }

    @Test
    void withMethodsChangeOnlyTheirField() {
        CanvasSimulatorConfig c = CanvasSimulatorConfig.defaults().withPort(9000).withTenant("t").withApiToken("x")
                .withWebhookUrl("http://127.0.0.1:1/e").withSignEvents(false).withBucketHighWater(5)
                .withDrainPerSecond(2).withRequestCost(0.5).withSeedDemo(false);

        assertThat(c).isEqualTo(new CanvasSimulatorConfig(9000, "t", "x", "http://127.0.0.1:1/e", false, 5, 2, 0.5,
                false));
        assertThatThrownBy(() -> c.withBucketHighWater(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainReadsItsEnvironment() {
        assertThat(CanvasSimulatorMain.configFrom(Map.of()))
                .isEqualTo(CanvasSimulatorConfig.defaults().withPort(8091));
        assertThat(CanvasSimulatorMain.configFrom(Map.of("CANVAS_SIM_PORT", "9123", "CANVAS_SIM_WEBHOOK_URL",
                "http://127.0.0.1:7/hook", "CANVAS_SIM_TOKEN", "tok", "CANVAS_SIM_SIGN", "false")))
                .isEqualTo(CanvasSimulatorConfig.defaults().withPort(9123).withWebhookUrl("http://127.0.0.1:7/hook")
                        .withApiToken("tok").withSignEvents(false));
    }
}
