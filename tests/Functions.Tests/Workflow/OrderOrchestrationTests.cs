using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Functions.Tests.Conformance;
using Backoffice.Infra.Runner;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Workflow;
using Xunit;

namespace Backoffice.Functions.Tests.Workflow;

/// <summary>The generic order loop on a fake orchestration context, its activities recorded rather than run.</summary>
public sealed class OrderOrchestrationTests
{
    private static readonly PlaceOrder Place = OrderScenarios.FullJourney().Place;

    [Fact]
    public void Placing_saves_the_read_model_first_runs_the_effects_and_arms_the_confirmation_timer()
    {
        var context = Started();

        Assert.Equal(OrderActivityNames.SaveOrder, context.ActivityCalls[0].Name);
        var effects = EffectKinds(context);
        Assert.Contains(nameof(IndexMerchantOrder), effects);
        Assert.Contains(nameof(UpdateWorkItem), effects);
        Assert.Contains(nameof(PublishStatus), effects);
        Assert.DoesNotContain(nameof(ArmDeadline), effects);
        var timer = Assert.Single(context.Timers);
        Assert.True(timer.Live);
        Assert.Equal(OrderScenarios.T0 + DeadlinePolicy.Default.Confirmation, timer.FireAt);
    }

    [Fact]
    public void A_command_that_arrives_first_cancels_the_losing_deadline_timer()
    {
        var context = Started();

        context.Raise(new ConfirmOrder([], OrderScenarios.Operator, OrderScenarios.At(1)));

        Assert.True(context.Timers[0].Cancelled);
        var next = Assert.Single(context.Timers, t => t.Live);
        Assert.Equal(OrderScenarios.At(1) + DeadlinePolicy.Default.SupplierPickup, next.FireAt);
    }

    [Fact]
    public void A_missed_deadline_escalates_at_the_orchestration_time_and_the_waiting_command_still_arrives()
    {
        var context = Started();

        context.AdvanceTo(OrderScenarios.At(2.25));

        var missed = Assert.IsType<DeadlineMissed>(Assert.Single(LastCommit(context).Events));
        Assert.Equal(OrderScenarios.At(2.25), missed.At);
        Assert.Equal(DeadlineHandler.Clock, missed.By);
        Assert.Equal(OrderScenarios.At(2.25) + DeadlinePolicy.Default.Confirmation, Assert.Single(context.Timers, t => t.Live).FireAt);
        Assert.Equal(1, context.WaitsRequested);

        // The wait created before the timer won is the one that takes the command: nothing was cancelled, nothing is lost.
        context.Raise(new ConfirmOrder([], OrderScenarios.Operator, OrderScenarios.At(3)));

        Assert.Contains(LastCommits(context, 2).SelectMany(c => c.Events), e => e is OrderConfirmed);
        Assert.Equal(2, context.WaitsRequested);
    }

    [Fact]
    public void Three_missed_deadlines_cancel_the_order_and_the_orchestration_completes_with_no_timer_running()
    {
        var context = Started();

        foreach (var step in OrderScenarios.DeadlineEscalationToTimeout().Steps.Cast<ClockAt>())
        {
            context.AdvanceTo(step.At);
        }

        Assert.True(context.Completed);
        Assert.Equal(Stage.Cancelled, context.Output.Stage);
        var cancelled = Assert.IsType<OrderCancelled>(LastCommit(context).Events[^1]);
        Assert.Equal(CancellationReason.DeadlineMissed, cancelled.Cancellation.Reason);
        Assert.DoesNotContain(context.Timers, t => t.Live);
    }

    [Fact]
    public void A_refused_command_changes_nothing_and_shows_in_the_custom_status()
    {
        var context = Started();
        var calls = context.ActivityCalls.Count;

        context.Raise(new HandOverCash(100, OrderScenarios.Courier, OrderScenarios.At(1)));

        Assert.Equal(calls, context.ActivityCalls.Count);
        Assert.Contains(Rejection.StageForbids, context.Statuses[^1], StringComparison.Ordinal);
        Assert.Equal(OrderScenarios.T0 + DeadlinePolicy.Default.Confirmation, Assert.Single(context.Timers, t => t.Live).FireAt);
        Assert.False(context.Completed);
    }

    [Fact]
    public void An_unreadable_command_is_recorded_as_invalid_and_the_order_carries_on()
    {
        var context = Started();

        context.Raise(new OrderCommandMessage("DropEverything", "{}"), OrderScenarios.At(1));
        context.Raise(new ConfirmOrder([], OrderScenarios.Operator, OrderScenarios.At(1.5)));

        Assert.Contains(context.Statuses, s => s.Contains(Rejection.Invalid, StringComparison.Ordinal));
        Assert.Contains(LastCommit(context).Events, e => e is OrderConfirmed);
    }

    [Fact]
    public void A_delivered_order_waits_for_its_cash_without_a_timer_and_completes_once_it_is_handed_over()
    {
        var context = Started();
        var steps = OrderScenarios.FullJourney().Steps;
        foreach (var step in steps.Take(steps.Count - 1))
        {
            Drive(context, step);
        }

        Assert.False(context.Completed);
        Assert.DoesNotContain(context.Timers, t => t.Live);

        Drive(context, steps[^1]);

        Assert.True(context.Completed);
        Assert.Equal(Stage.Delivered, context.Output.Stage);
    }

    [Fact]
    public void Activity_inputs_stay_small_ids_and_events_not_documents()
    {
        var context = Started();
        foreach (var step in OrderScenarios.FullJourney().Steps)
        {
            Drive(context, step);
        }

        Assert.All(context.ActivityCalls, call => Assert.True(call.Input.Length < 8 * 1024, $"{call.Name} input is {call.Input.Length} characters."));
        Assert.All(context.Statuses, status => Assert.True(status.Length < 1024, $"A custom status of {status.Length} characters."));
    }

    [Fact]
    public void The_loop_replays_from_the_start_after_every_history_event_and_issues_the_same_calls()
    {
        var context = Started();
        foreach (var step in OrderScenarios.FullJourney().Steps)
        {
            Drive(context, step);
        }

        // One run per history event that follows the start (each activity completion, event and timer firing): every one
        // re-ran the loop from the placement and reproduced every earlier call, or the fake would have thrown.
        Assert.True(context.Completed);
        Assert.True(context.Runs > context.ActivityCalls.Count, $"{context.Runs} runs for {context.ActivityCalls.Count} activities.");
    }

    [Fact]
    public void Replay_catches_an_orchestrator_whose_activity_input_is_not_deterministic()
    {
        var context = new FakeOrderWorkflowContext(Place.Now, (_, _) => Task.CompletedTask, async ctx =>
        {
            await ctx.CallActivityAsync(OrderActivityNames.SaveOrder, new { Attempt = Guid.NewGuid().ToString("N") }).ConfigureAwait(true);
            await ctx.CallActivityAsync(OrderActivityNames.ApplyEffect, new { Done = true }).ConfigureAwait(true);
            return OrderWorkflowStatus.Of(Place.MerchantId, Place.OrderId, OrderDecider.Initial);
        });

        var error = Assert.Throws<NonDeterministicOrchestrationException>(() => context.Start(Place));
        Assert.Contains("call #1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_catches_an_orchestrator_that_reads_the_machine_clock_or_random_values_for_a_timer()
    {
        var context = new FakeOrderWorkflowContext(Place.Now, (_, _) => Task.CompletedTask, async ctx =>
        {
            var command = ctx.WaitForExternalEvent<OrderCommandMessage>(OrderOrchestration.CommandEvent);
            using var cancel = new CancellationTokenSource();
            var timer = ctx.CreateTimer(DateTimeOffset.UtcNow.AddHours(2).AddTicks(Random.Shared.Next(1, 1_000_000)), cancel.Token);
            await Task.WhenAny(command, timer).ConfigureAwait(true);
            cancel.Cancel();
            return OrderWorkflowStatus.Of(Place.MerchantId, Place.OrderId, OrderDecider.Initial);
        });
        context.Start(Place);

        Assert.Throws<NonDeterministicOrchestrationException>(() => context.Raise(new ConfirmOrder([], OrderScenarios.Operator, OrderScenarios.At(1))));
    }

    [Fact]
    public void Replay_catches_an_orchestrator_that_branches_on_state_outside_its_history()
    {
        var runs = 0;
        var context = new FakeOrderWorkflowContext(Place.Now, (_, _) => Task.CompletedTask, async ctx =>
        {
            // A static flag, a cache, a counter: anything that differs between the first run and its replays.
            var name = runs++ == 0 ? OrderActivityNames.SaveOrder : OrderActivityNames.ApplyEffect;
            await ctx.CallActivityAsync(name, new { Id = 1 }).ConfigureAwait(true);
            return OrderWorkflowStatus.Of(Place.MerchantId, Place.OrderId, OrderDecider.Initial);
        });

        Assert.Throws<NonDeterministicOrchestrationException>(() => context.Start(Place));
    }

    [Fact]
    public void The_fake_refuses_a_loop_that_leaves_the_losing_timer_running()
    {
        var context = new FakeOrderWorkflowContext(Place.Now, (_, _) => Task.CompletedTask, async ctx =>
        {
            while (true)
            {
                var command = ctx.WaitForExternalEvent<OrderCommandMessage>(OrderOrchestration.CommandEvent);
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(2), CancellationToken.None);
                await Task.WhenAny(command, timer).ConfigureAwait(true); // the command wins; the timer is never cancelled
                await command.ConfigureAwait(true);
            }
        });
        context.Start(Place);

        var error = Assert.Throws<OrchestrationRuleException>(() => context.Raise(new ConfirmOrder([], OrderScenarios.Operator, OrderScenarios.At(1))));
        Assert.Contains("not cancelled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fake_refuses_an_activity_input_that_is_a_document()
    {
        var context = new FakeOrderWorkflowContext(Place.Now, (_, _) => Task.CompletedTask, async ctx =>
        {
            await ctx.CallActivityAsync(OrderActivityNames.SaveOrder, new { Document = new string('x', FakeOrderWorkflowContext.MaxPayloadBytes) }).ConfigureAwait(true);
            return OrderWorkflowStatus.Of(Place.MerchantId, Place.OrderId, OrderDecider.Initial);
        });

        var error = Assert.Throws<OrchestrationRuleException>(() => context.Start(Place));
        Assert.Contains("not documents", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_scenario_keeps_every_activity_input_under_the_bound_and_cancels_every_losing_timer()
    {
        // The fake enforces both on every run; this drives every conformance scenario through it without storage.
        foreach (var scenario in OrderScenarios.All)
        {
            var context = new FakeOrderWorkflowContext(scenario.Place.Now, (_, _) => Task.CompletedTask);
            context.Start(scenario.Place);
            foreach (var step in scenario.Steps)
            {
                Drive(context, step);
            }

            Assert.All(context.ActivityCalls, call => Assert.True(System.Text.Encoding.UTF8.GetByteCount(call.Input) <= FakeOrderWorkflowContext.MaxPayloadBytes));
            Assert.Equal(scenario.Settles, context.Completed);
            Assert.Equal(context.Completed || !HasDeadline(context) ? 0 : 1, context.Timers.Count(t => t.Live));
        }
    }

    private static FakeOrderWorkflowContext Started()
    {
        var context = new FakeOrderWorkflowContext(Place.Now, (_, _) => Task.CompletedTask);
        context.Start(Place);
        return context;
    }

    private static void Drive(FakeOrderWorkflowContext context, ScenarioStep step)
    {
        switch (step)
        {
            case Issue issue:
                context.Raise(issue.Command);
                break;
            case ClockAt clock:
                context.AdvanceTo(clock.At);
                break;
        }
    }

    /// <summary>False when the order waits without a deadline (delivered, cash outstanding), so no timer is expected.</summary>
    private static bool HasDeadline(FakeOrderWorkflowContext context) =>
        Json.Deserialize<OrderWorkflowStatus>(context.Statuses[^1]).DueAt is not null;

    private static OrderCommit LastCommit(FakeOrderWorkflowContext context) => LastCommits(context, 1).Single();

    private static IEnumerable<OrderCommit> LastCommits(FakeOrderWorkflowContext context, int count) =>
        context.ActivityCalls.Where(c => c.Name == OrderActivityNames.SaveOrder).TakeLast(count).Select(c => Json.Deserialize<OrderCommit>(c.Input));

    private static string[] EffectKinds(FakeOrderWorkflowContext context) =>
        context.ActivityCalls.Where(c => c.Name == OrderActivityNames.ApplyEffect)
            .Select(c => JsonSerializer.Deserialize<OrderEffectMessage>(c.Input, Json.Options)!.Kind).ToArray();
}
