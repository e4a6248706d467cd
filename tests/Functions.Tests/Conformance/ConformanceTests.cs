using System.Text.Json;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Functions.Tests.Workflow;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Runner;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Workflow;
using Backoffice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backoffice.Functions.Tests.Conformance;

/// <summary>
/// The same scenarios (one table, <see cref="OrderScenarios.All"/>) through both engines: (a) the Durable loop of
/// infra/Workflow on the replaying fake orchestration context, its activities writing to one Azurite namespace; (b) the
/// local runner writing to another: commands through <see cref="OrderProcessor"/> (what the webhook intake and the
/// command endpoints call), deadlines through the <see cref="DeadlineSweeper"/> on a fake clock, and after every step
/// the runner's own queue pumps (outbox safety net, deadline timers) drained of whatever is visible. They must end in
/// the same state with the same event log, refuse the same commands with the same codes, and leave the same traces
/// behind (status messages, merchant order list, work queues, cash ledger).
/// <para>
/// Why the sweep and not the timer queue: the runner's deadline timers are queue messages whose visibility delay is
/// the real time to the deadline (hours), and the outbox safety net becomes visible after 20 real seconds; a fake
/// clock cannot make Azurite show them earlier. The sweep is the runner's second path to the same deadlines.
/// </para>
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConformanceTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Scenarios => [.. OrderScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Both_engines_end_in_the_same_state_with_the_same_events(string name)
    {
        var scenario = OrderScenarios.Named(name);
        using var durable = new BackofficeHost(azurite, OrderScenarios.T0);
        using var local = new BackofficeHost(azurite, OrderScenarios.T0);

        // A merchant that takes status webhooks, so both engines queue every status (neither host delivers here).
        foreach (var host in new[] { durable, local })
        {
            await host.AddMerchantAsync(scenario.Place.MerchantId, statusUrl: "https://status.example/hooks");
        }

        var (workflow, durableRefusals) = RunOnTheWorkflowLoop(durable, scenario);
        var localRefusals = await RunOnTheLocalRunnerAsync(local, scenario);

        // The same commands refused with the same codes, and the codes the scenario expects.
        var expectedRefusals = scenario.Steps.OfType<Issue>().Select(i => i.Refused).ToArray();
        Assert.Equal(expectedRefusals, localRefusals);
        Assert.Equal(expectedRefusals, durableRefusals);

        var expected = await TracesAsync(local, scenario);
        var actual = await TracesAsync(durable, scenario);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Events, actual.Events);
        Assert.Equal(expected.Statuses, actual.Statuses);
        Assert.Equal(expected.MerchantOrders, actual.MerchantOrders);
        Assert.Equal(expected.WorkQueue, actual.WorkQueue);
        Assert.Equal(expected.CashLedger, actual.CashLedger);

        // Not vacuous: the journey happened, and the orchestration finished without leaving a timer running.
        Assert.True(expected.Events.Count >= 3, $"{name} produced {expected.Events.Count} events.");
        Assert.NotEmpty(expected.Statuses);
        Assert.NotEmpty(expected.MerchantOrders);
        Assert.Equal(scenario.Steps.OfType<Issue>().Any(i => i.Command is HandOverCash && i.Refused is null), expected.CashLedger.Count > 0);
        Assert.Equal(scenario.Settles, workflow.Completed);
        if (workflow.Completed)
        {
            Assert.DoesNotContain(workflow.Timers, t => t.Live);
        }

        // The loop was replayed after every history event and issued the same calls each time (the fake throws otherwise).
        Assert.True(workflow.Runs >= workflow.ActivityCalls.Count, $"{workflow.Runs} runs for {workflow.ActivityCalls.Count} activities.");

        // The local runner dispatched every outbox row (inline; the pumps found nothing left over).
        Assert.Empty(await local.Service<OrderStore>().PendingEffectsAsync(scenario.Place.MerchantId, scenario.Place.OrderId));
    }

    private static (FakeOrderWorkflowContext Context, IReadOnlyList<string?> Refusals) RunOnTheWorkflowLoop(BackofficeHost host, OrderScenario scenario)
    {
        var refusals = new List<string?>();
        var activities = ActivatorUtilities.CreateInstance<OrderActivities>(host.Services);
        var context = new FakeOrderWorkflowContext(scenario.Place.Now, (activity, json) => activity switch
        {
            OrderActivityNames.SaveOrder => activities.SaveOrderAsync(Json.Deserialize<OrderCommit>(json)),
            OrderActivityNames.ApplyEffect => activities.ApplyEffectAsync(Json.Deserialize<OrderEffectMessage>(json)),
            _ => throw new InvalidOperationException($"No activity {activity}."),
        });
        context.Start(scenario.Place);
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case Issue issue:
                    host.Clock.SetUtcNow(issue.Command.Now);
                    context.Raise(issue.Command);

                    // A refusal shows in the custom status the round set (the loop's only answer to a raised event).
                    refusals.Add(context.Statuses.Count > 0 ? context.LastRejection : null);
                    break;
                case ClockAt clock:
                    host.Clock.SetUtcNow(clock.At);
                    context.AdvanceTo(clock.At);
                    break;
            }
        }

        return (context, refusals);
    }

    private static async Task<IReadOnlyList<string?>> RunOnTheLocalRunnerAsync(BackofficeHost host, OrderScenario scenario)
    {
        var refusals = new List<string?>();
        var processor = host.Service<OrderProcessor>();
        var (merchantId, orderId) = (scenario.Place.MerchantId, scenario.Place.OrderId);
        Assert.Equal(OutcomeKind.Applied, (await processor.ExecuteAsync(merchantId, orderId, _ => scenario.Place)).Kind);
        await PumpAsync(host);
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case Issue issue:
                    host.Clock.SetUtcNow(issue.Command.Now);
                    var outcome = await processor.ExecuteAsync(merchantId, orderId, _ => issue.Command);
                    Assert.True(outcome.Kind is OutcomeKind.Applied or OutcomeKind.Rejected, $"{issue.Command.GetType().Name}: {outcome.Kind}");
                    refusals.Add(outcome.Rejection?.Code);
                    break;
                case ClockAt clock:
                    host.Clock.SetUtcNow(clock.At);
                    await host.Service<DeadlineSweeper>().SweepOnceAsync();
                    break;
            }

            await PumpAsync(host);
        }

        return refusals;
    }

    /// <summary>One round of the runner's queue pumps, as its hosted services would run them (they are off in tests).</summary>
    private static async Task PumpAsync(BackofficeHost host)
    {
        var clients = host.Service<StorageClients>();
        foreach (var (pump, queue) in new (QueuePump, string)[] { (host.Service<OutboxPump>(), QueueNames.Outbox), (host.Service<DeadlineTimerPump>(), QueueNames.Timers) })
        {
            var (messages, poison) = (clients.Queue(queue), clients.Queue(queue + "-poison"));
            await messages.CreateIfNotExistsAsync();
            await poison.CreateIfNotExistsAsync();
            await pump.PumpOnceAsync(messages, poison, CancellationToken.None);
        }
    }

    private static async Task<Traces> TracesAsync(BackofficeHost host, OrderScenario scenario)
    {
        var (merchantId, orderId) = (scenario.Place.MerchantId, scenario.Place.OrderId);
        var store = host.Service<OrderStore>();
        var clients = host.Service<StorageClients>();
        var state = Json.Serialize((await store.LoadAsync(merchantId, orderId)).State);
        var events = (await store.EventsAsync(merchantId, orderId)).Select(e => $"{e.Sequence}: {Json.Serialize(e.Event)}").ToArray();
        var statuses = (await clients.Queue(QueueNames.Status).PeekMessagesAsync(32)).Value
            .Select(m => Json.Serialize(StatusQueueMessage.Parse(m.Body.ToString()).Message)).ToArray();
        var merchantOrders = (await host.Service<MerchantOrderIndex>().PageAsync(merchantId, 50, null)).Items.Select(Json.Serialize).ToArray();
        var workQueue = new List<string>();
        foreach (var stage in StageFacts.Working)
        {
            workQueue.AddRange((await host.Service<WorkQueueIndex>().PageAsync(stage, merchantId, 50, null)).Items.Select(Json.Serialize));
        }

        var ledger = new List<string>();
        await foreach (var row in clients.Table(TableNames.CashLedger).QueryAsync<TableEntity>(e => e.PartitionKey == merchantId))
        {
            ledger.Add(row.RowKey + " " + JsonSerializer.Serialize(row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => p.Value?.ToString())));
        }

        return new Traces(state, events, statuses, merchantOrders, workQueue, ledger);
    }

    private sealed record Traces(
        string State, IReadOnlyList<string> Events, IReadOnlyList<string> Statuses, IReadOnlyList<string> MerchantOrders,
        IReadOnlyList<string> WorkQueue, IReadOnlyList<string> CashLedger);
}
