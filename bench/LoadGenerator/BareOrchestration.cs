using System.Diagnostics;
using Backoffice.Infra.Engine;
using Backoffice.Infra.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backoffice.LoadGenerator;

/// <summary>What a bare Durable orchestration of an order's shape costs the engine in storage requests, measured here.</summary>
internal sealed record BareCost(int Instances, int Rounds, double OperationsPerInstance, double IdlePerSecond, TimeSpan Elapsed);

/// <summary>
/// The yardstick for the engine's cost per order: the same sidecar (DurableTask.AzureStorage over the same Azurite, the
/// same polling, partition and lease settings, its own task hub) running an orchestration that does nothing but what
/// <c>OrderLifecycle</c> does per delivered order — per command round one activity, one stage-deadline timer raced
/// against one external event (the command's announcement, which wins and cancels the timer), then a last activity.
/// A delivered order takes six rounds (confirm, pickup, pack, dispatch, delivery, cash handover), so seven activities,
/// six timers and six events. Counted by the sidecar's own pipeline policy, idle polling subtracted.
/// </summary>
internal static class BareOrchestration
{
    public const int Rounds = 6;

    private const string Name = "BareOrder";
    private const string Step = "BareStep";
    private const string Go = "Go";

    public static async Task<BareCost> MeasureAsync(string connectionString, string prefix, int instances, TimeSpan idle)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var options = new OrderEngineOptions { TaskHub = "BareBench" };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new StorageOptions { ConnectionString = connectionString, Prefix = prefix });
        builder.Services.AddDurableSidecar();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry =>
            {
                registry.AddOrchestratorFunc<int, int>(Name, RunAsync);
                registry.AddActivityFunc<int, int>(Step, (_, round) => round + 1);
            });
            worker.UseGrpc();
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc());

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var sidecar = host.Services.GetRequiredService<DurableSidecar>();
            var client = host.Services.GetRequiredService<DurableTaskClient>();

            // Warm-up instance (JIT, queues and leases), then the idle rate of the sidecar's pollers.
            await RunInstancesAsync(client, "warm", 1);
            var idleStart = sidecar.Counter.Count;
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(idle);
            var idleRate = (sidecar.Counter.Count - idleStart) / idleClock.Elapsed.TotalSeconds;

            var start = sidecar.Counter.Count;
            var clock = Stopwatch.StartNew();
            await RunInstancesAsync(client, "bare", instances);
            var elapsed = clock.Elapsed;
            var net = Math.Max(0, sidecar.Counter.Count - start - (idleRate * elapsed.TotalSeconds));
            return new BareCost(instances, Rounds, net / instances, idleRate, elapsed);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = input;
        for (var round = 0; round < Rounds; round++)
        {
            value = await context.CallActivityAsync<int>(Step, value);
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), cancel.Token);
            var announcement = context.WaitForExternalEvent<int>(Go);
            if (await Task.WhenAny(announcement, timer) == announcement)
            {
                cancel.Cancel();
            }
        }

        return await context.CallActivityAsync<int>(Step, value);
    }

    private static async Task RunInstancesAsync(DurableTaskClient client, string prefix, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{Guid.NewGuid():N}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            await client.ScheduleNewOrchestrationInstanceAsync(Name, 0, new StartOrchestrationOptions(id), ct);
            for (var round = 0; round < Rounds; round++)
            {
                // Like an operator's next command, each announcement comes once the previous round has settled.
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                await client.RaiseEventAsync(id, Go, round, ct);
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromMinutes(5));
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, limit.Token);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"Bare orchestration {id} ended {done.RuntimeStatus}.");
            }
        });
    }
}
