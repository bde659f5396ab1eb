package hyper.impl.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.FlowWindow;
import org.junit.jupiter.api.Test;

/** The managers hyper ships, alone: the seed's refill rule, and the bandwidth-delay estimate of {@code "auto"}. */
class ShippedManagersTest {

    /** A window the test sets by hand. */
    static final class Window implements FlowWindow {
        int streamId = 1;
        int initial = 65_535;
        int size = 65_535;
        int streamInitial = 65_535; // the connection's: our SETTINGS_INITIAL_WINDOW_SIZE

        @Override
        public int streamInitialWindowSize() {
            return streamId == 0 ? streamInitial : initial;
        }

        @Override
        public int streamId() {
            return streamId;
        }

        @Override
        public int initialWindowSize() {
            return initial;
        }

        @Override
        public int windowSize() {
            return size;
        }

        @Override
        public long documentSize() {
            return -1;
        }
    }

    @Test
    void theSeedsManagerRefillsToTheMaximumOnlyBelowAQuarter() {
        Window w = new Window();
        FlowControlManager m = new FlowControlManager(w);
        assertEquals(0, m.increaseWindowSize(16_384), "65,535 - 16,384 is well above a quarter");
        w.size = 32_767;
        assertEquals(0, m.increaseWindowSize(16_383), "16,384 left: not below 65,535 / 4");
        assertEquals(65_535 - 16_382, m.increaseWindowSize(16_385), "16,382 left: back to 65,535");
        w.size = 0;
        assertEquals(65_535, m.blocked(), "blocked: refill all of it");
    }

    @Test
    void theSeedsManagerRefillsSmallWindowsBelowOneKibibyte() {
        Window w = new Window();
        w.initial = 2_000;
        w.size = 2_000;
        FlowControlManager m = new FlowControlManager(w);
        assertEquals(0, m.increaseWindowSize(900), "1,100 left");
        assertEquals(2_000 - 1_000, m.increaseWindowSize(1_000), "1,000 left is below 1 KiB");
    }

    @Test
    void theSeedsManagerFollowsTheInitialSizeWhenSettingsRaiseIt() {
        Window w = new Window();
        FlowControlManager m = new FlowControlManager(w);
        w.initial = 1 << 20;
        w.size = 100_000; // the window grew by the difference, but is now below a quarter of the new maximum
        assertEquals((1 << 20) - 100_000, m.increaseWindowSize(0));
    }

    @Test
    void theEstimateGrowsOnlyWhenTheWindowLimitedTheSampleAndBandwidthIsTheBest() {
        BdpEstimator e = new BdpEstimator(65_535, 1 << 24);
        assertFalse(e.sample(10_000_000, 20_000, 65_535), "20,000 octets in a round trip: the 65,535 window was not the limit");
        assertEquals(65_535, e.estimate());
        assertTrue(e.sample(10_000_000, 60_000, 65_535), "60,000 of 65,535: window-limited, best bandwidth yet");
        assertEquals(240_000, e.estimate());
        assertFalse(e.sample(40_000_000, 200_000, 240_000), "window-limited, but slower than before: a bigger window did not help");
        assertEquals(240_000, e.estimate());
        assertTrue(e.sample(10_000_000, 200_000, 240_000));
        assertEquals(800_000, e.estimate());
    }

    @Test
    void theEstimateStartsFromTheStreamsWindowWhenTheOptionsSetALargerOne() {
        BdpEstimator e = new BdpEstimator(65_535, 64 << 20);
        assertFalse(e.sample(10_000_000, 5 << 20, 16 << 20), "5 MiB of a 16 MiB window: not window-limited");
        assertEquals(16 << 20, e.estimate(), "the 16 MiB window the connection started with");
        assertTrue(e.sample(10_000_000, 16 << 20, 16 << 20), "the whole 16 MiB window in one round trip");
        assertEquals(64 << 20, e.estimate(), "four times the sample: the cap, in one step");
        assertTrue(e.atCap());
    }

    @Test
    void autoDoesNotMeasureRoundTripsWhenTheStreamWindowIsAlreadyAtTheCap() {
        Window w = new Window();
        w.streamId = 0;
        w.streamInitial = 64 << 20;
        assertFalse(new AutoTuningFlowControlManager(w, 64 << 20).wantsRoundTrips());
        w.streamInitial = 16 << 20;
        assertTrue(new AutoTuningFlowControlManager(w, 64 << 20).wantsRoundTrips());
    }

    @Test
    void autoStartsWithLargeWindowsAndTheSeedWithTheProtocolsDefault() {
        assertEquals(16 << 20, new AutoFlowControlProvider().defaultInitialWindowSize());
        assertEquals(1 << 30, new AutoFlowControlProvider().defaultConnectionWindowSize());
        assertEquals(65_535, new SeedFlowControlProvider().defaultInitialWindowSize());
        assertEquals(65_535, new SeedFlowControlProvider().defaultConnectionWindowSize());
        hyper.api.spi.FlowControlFactory lambda = FlowControlManager::new;
        assertEquals(65_535, lambda.defaultInitialWindowSize(), "a factory passed as a constructor reference: the protocol's");
    }

    @Test
    void theEstimateStopsAtItsCapAndThenNoMoreRoundTripsAreWanted() {
        Window w = new Window();
        w.streamId = 0;
        AutoTuningFlowControlManager m = new AutoTuningFlowControlManager(w, 1 << 20);
        assertTrue(m.wantsRoundTrips());
        assertEquals(4 * 60_000, m.roundTrip(1_000_000, 60_000));
        assertEquals(1 << 20, m.roundTrip(1_000_000, 300_000), "four times 300,000 is beyond the cap of 1 MiB");
        assertFalse(m.wantsRoundTrips());
        assertEquals(0, m.roundTrip(1_000_000, 1 << 20), "at the cap: nothing more");
    }

    @Test
    void theAutoConnectionWindowIsToppedUpToTwiceTheEstimateAfterGrowth() {
        Window w = new Window();
        w.streamId = 0;
        w.initial = 131_070;
        w.size = 131_070;
        AutoTuningFlowControlManager m = new AutoTuningFlowControlManager(w, 1 << 24);
        assertEquals(0, m.increaseWindowSize(16_384), "114,686 left of 131,070: above half");
        assertEquals(131_070 - 65_534, m.increaseWindowSize(65_536), "65,534 left: below half, refilled");
        m.roundTrip(1_000_000, 60_000); // the estimate becomes 240,000
        assertEquals(480_000 - 131_070, m.increaseWindowSize(0), "at once, to twice the stream estimate");
    }

    @Test
    void autoStreamsRefillOnceAQuarterOfTheWindowIsUsed() {
        Window w = new Window();
        hyper.api.spi.BaseFlowControlManager m = new AutoFlowControlProvider().create(w);
        assertEquals(0, m.increaseWindowSize(16_383), "49,152 left: less than a quarter used");
        assertEquals(16_385, m.increaseWindowSize(16_385), "49,150 left: refilled to 65,535");
        w.streamId = 0;
        assertTrue(new AutoFlowControlProvider().create(w) instanceof AutoTuningFlowControlManager, "the connection's estimates");
    }

    @Test
    void autoStreamsWithLargeWindowsRefillAfterOneMebibyteOrASixteenth() {
        Window w = new Window();
        w.initial = 16 << 20;
        w.size = 16 << 20;
        hyper.api.spi.BaseFlowControlManager m = new AutoFlowControlProvider().create(w);
        assertEquals(0, m.increaseWindowSize(1 << 20), "1 MiB of 16 MiB used: not more than a step");
        assertEquals((1 << 20) + 1, m.increaseWindowSize((1 << 20) + 1), "refilled to 16 MiB (a quarter would wait for 4 MiB)");
        w.initial = 64 << 20;
        w.size = 64 << 20;
        assertEquals(0, m.increaseWindowSize(4 << 20), "of 64 MiB, a step is a sixteenth, 4 MiB");
        assertEquals((4 << 20) + 1, m.increaseWindowSize((4 << 20) + 1));
    }

    @Test
    void autoRaisesTheWindowsToAnAnnouncedDocumentUpToTheCap() {
        Window w = new Window();
        w.streamId = 0;
        w.streamInitial = 16 << 20;
        AutoTuningFlowControlManager m = new AutoTuningFlowControlManager(w, 64 << 20);
        assertEquals(20_000_000, m.documentStarted(1, 20_000_000), "toward the document's size");
        w.streamInitial = 20_000_000;
        assertEquals(0, m.documentStarted(3, 20_000_000), "no larger than the window: nothing to raise");
        assertEquals(64 << 20, m.documentStarted(5, 100L << 20), "a larger one: the cap, not its size");
        w.streamInitial = 64 << 20;
        assertFalse(m.wantsRoundTrips(), "at the cap: no more round trips to measure");
        assertEquals(0, m.documentStarted(7, 1L << 40));
    }
}
