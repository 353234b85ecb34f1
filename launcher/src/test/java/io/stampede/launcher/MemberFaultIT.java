package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.stampede.testing.Poll;
import org.junit.jupiter.api.Test;

/**
 * Faults 1 and 5: of two members hosting order verticles (separate JVMs from dist/stampede.jar),
 * one ends in the middle of a burst that fans send through the gateway of a third member.
 */
class MemberFaultIT {

  /**
   * SIGKILL: buyers who retry with the same key get their first answer or a new one, never two
   * orders; what the dead member reserved but never answered is settled by the reconciler after its
   * lease; no oversell, and every 201 ends CONFIRMED.
   */
  @Test
  void killingAnOrdersMemberMidBurstLosesAndDuplicatesNothing() {
    StormRun run = stormWhileOneMemberEnds("kill -9 of a member hosting order verticles mid-burst", ChildMember::kill);
    assertThat(run.storm().orderByKey()).isNotEmpty();
  }

  /**
   * SIGTERM: the member takes its subscriptions out of the cluster, turns back what still reaches it
   * (gateways resend those to the member that stays), answers the ones it took, then leaves. No
   * attempt is answered with anything a buyer has to retry, and nothing is lost.
   */
  @Test
  void aMemberLeavingUnderLoadFailsNoRequest() {
    StormRun run = stormWhileOneMemberEnds("SIGTERM to a member hosting order verticles under load",
        ChildMember::terminate);
    long retried = run.storm().timeline().stream().filter(OrderStorm.Event::retry).count();
    assertThat(run.storm().answers().keySet()).as("kinds of answer").isSubsetOf("201", "409 SOLD_OUT");
    assertThat(retried).as("attempts that had to be retried").isZero();
  }

  private static StormRun stormWhileOneMemberEnds(String fault, Consumer<ChildMember> end) {
    Node edge = Members.start("gateway,auth,users,creators,drops,notifications", FaultScenario.overrides(Map.of()));
    try (ChildMember ending = ChildMember.join(edge, "orders", FaultScenario.overrides(Map.of()));
        ChildMember staying = ChildMember.join(edge, "orders", FaultScenario.overrides(Map.of()));
        StormRun run = StormRun.start(fault, edge, List.of(edge.httpPort()), 1500, 12, 60)) {
      run.audit().faultBegins();
      end.accept(ending);
      Poll.until("the cluster sees the member gone", Duration.ofSeconds(30), () -> edge.clusterMembers().size() == 2);
      run.audit().faultEnds();
      run.storm().awaitAccepted(100, Duration.ofSeconds(60));
      run.finish();
      return run;
    } finally {
      Members.stop(edge);
    }
  }
}
