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
/// The same scenarios through both engines: (a) the Durable loop of infra/Workflow on a fake orchestration context, its
/// activities writing to one Azurite namespace; (b) the local runner (OrderProcessor, inline outbox dispatch,
/// DeadlineSweeper on a fake clock) writing to another. They must end in the same state with the same event log, and
/// leave the same traces behind (status messages, merchant order list, work queues, cash ledger).
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

        var workflow = RunOnTheWorkflowLoop(durable, scenario);
        await RunOnTheLocalRunnerAsync(local, scenario);

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
        Assert.Equal(scenario.Steps.OfType<Issue>().Any(i => i.Command is HandOverCash), expected.CashLedger.Count > 0);
        Assert.True(workflow.Completed, "The orchestration should have completed: the order is settled.");
        Assert.DoesNotContain(workflow.Timers, t => t.Live);
    }

    private static FakeOrderWorkflowContext RunOnTheWorkflowLoop(BackofficeHost host, OrderScenario scenario)
    {
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
                    break;
                case ClockAt clock:
                    host.Clock.SetUtcNow(clock.At);
                    context.AdvanceTo(clock.At);
                    break;
            }
        }

        return context;
    }

    private static async Task RunOnTheLocalRunnerAsync(BackofficeHost host, OrderScenario scenario)
    {
        var processor = host.Service<OrderProcessor>();
        var (merchantId, orderId) = (scenario.Place.MerchantId, scenario.Place.OrderId);
        Assert.Equal(OutcomeKind.Applied, (await processor.ExecuteAsync(merchantId, orderId, _ => scenario.Place)).Kind);
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case Issue issue:
                    host.Clock.SetUtcNow(issue.Command.Now);
                    var outcome = await processor.ExecuteAsync(merchantId, orderId, _ => issue.Command);
                    Assert.True(outcome.Kind == OutcomeKind.Applied, $"{issue.Command.GetType().Name}: {outcome.Rejection?.Message}");
                    break;
                case ClockAt clock:
                    host.Clock.SetUtcNow(clock.At);
                    await host.Service<DeadlineSweeper>().SweepOnceAsync();
                    break;
            }
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
