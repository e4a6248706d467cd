using System.Diagnostics;
using Backoffice.Infra.Storage;

namespace Backoffice.LoadGenerator;

/// <summary>
/// Storage cost of a phase: operations the host sent — the application's and the order engine's, apart — less what
/// its idle pollers would have sent anyway.
/// </summary>
internal sealed record PhaseCost(StorageCount Operations, TimeSpan Elapsed, IdleRate Idle)
{
    public double Net => Math.Max(0, Operations.App - (Idle.App * Elapsed.TotalSeconds));

    public double EngineNet => Math.Max(0, Operations.Engine - (Idle.Engine * Elapsed.TotalSeconds));
}

/// <summary>Storage operations per second of the idle host: the application's pollers and the engine's.</summary>
internal sealed record IdleRate(double App, double Engine);

internal sealed record LoadResults(
    Baseline Baseline, IdleRate Idle, IntakeStep Max, IReadOnlyList<IntakeStep> Steps, PhaseCost IntakeCost, int Accepted, int Orders,
    PhaseCost LifecycleCost, TimeSpan LifecycleElapsed, int Delivered, int Cancelled, int Terminal, WorkforceCounters People, AuditResult Audit, BareCost? Bare);

/// <summary>
/// The benchmark: merchants through the supervisor API, the raw Azurite baseline, the idle cost of the host's pollers,
/// webhook intake (maximum, then 25/50/100 % of it), the full lifecycle worked by simulated people, and the audit.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var api = new BackofficeClient(options.BaseUrl, options.DevKey);
        var clients = new StorageClients(new StorageOptions { ConnectionString = options.Storage, Prefix = options.Prefix });
        Log($"waiting for {options.BaseUrl}");
        await api.WaitForHealthAsync(TimeSpan.FromSeconds(120));

        var merchants = await CreateMerchantsAsync(api, options.Merchants, "bench");
        Log($"{merchants.Count} merchants created");

        // Warm-up: JIT, connection pools, merchant caches. These orders are worked in the lifecycle like the rest, but
        // the intake figures and the storage count start after them (and after their deferred work has drained).
        var book = new OrderBook(options.Seed);
        var intake = new Intake(api, book, merchants, options.Seed);
        var warmUp = await intake.AtRateAsync("warm-up", 5, TimeSpan.FromSeconds(4));
        Log($"warm-up: {warmUp.Accepted} orders accepted");

        var baseline = await AzuriteBaseline.MeasureAsync(options.Storage, options.Prefix, options.BaselineDuration);
        Log($"raw Azurite: {baseline.UpsertsPerSecond:F0} upserts/s, {baseline.QueueSendsPerSecond:F0} queue sends/s");

        await Quiescence.WaitAsync(clients, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5)); // the warm-up orders' orchestrations settle into their timers
        var idleStart = await api.StorageOperationsAsync();
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(options.IdleDuration);
        var idleCount = await api.StorageOperationsAsync() - idleStart;
        var idle = new IdleRate(idleCount.App / idleClock.Elapsed.TotalSeconds, idleCount.Engine / idleClock.Elapsed.TotalSeconds);
        Log($"idle host: {idle.App:F1} application and {idle.Engine:F1} engine storage operations/s");

        var warmedUp = book.Count;
        var intakeStart = await api.StorageOperationsAsync();
        var intakeClock = Stopwatch.StartNew();
        var max = await intake.SaturateAsync(options.SaturationSenders, options.StepDuration);
        Log($"max intake: {max.AcceptedPerSecond:F1}/s with {options.SaturationSenders} senders (p99 {max.Percentile(99):F0} ms)");
        var steps = new List<IntakeStep>();
        foreach (var share in new[] { 0.25, 0.5, 1.0 })
        {
            var step = await intake.AtRateAsync($"{share:P0} of max", share * max.AcceptedPerSecond, options.StepDuration);
            steps.Add(step);
            Log($"{step.Label}: {step.AcceptedPerSecond:F1}/s, p50 {step.Percentile(50):F0} ms, p95 {step.Percentile(95):F0} ms, p99 {step.Percentile(99):F0} ms");
        }

        await Quiescence.WaitAsync(clients, TimeSpan.FromSeconds(120));
        await EngineSettledAsync(api, idle);
        var intakeCost = new PhaseCost(await api.StorageOperationsAsync() - intakeStart, intakeClock.Elapsed, idle);
        var accepted = book.Count - warmedUp;
        Log($"intake: {accepted} orders accepted, {intakeCost.Net / accepted:F1} application + {intakeCost.EngineNet / accepted:F1} engine storage operations each");

        var people = new Workforce(api, book, merchants, options.WorkersPerStage, options.WorkerParallelism, clients);
        var lifecycleStart = await api.StorageOperationsAsync();
        var lifecycleClock = Stopwatch.StartNew();
        using (var stop = new CancellationTokenSource())
        {
            var working = people.RunAsync(stop.Token);
            while (book.DoneCount < book.Count && lifecycleClock.Elapsed < options.LifecycleLimit)
            {
                await Task.Delay(1000);
                if (lifecycleClock.Elapsed.TotalSeconds % 15 < 1)
                {
                    Log($"lifecycle: {book.DoneCount}/{book.Count} orders finished");
                }
            }

            await stop.CancelAsync();
            await working;
        }

        var lifecycleElapsed = lifecycleClock.Elapsed;
        await Quiescence.WaitAsync(clients, TimeSpan.FromSeconds(120));
        await EngineSettledAsync(api, idle);
        var lifecycleCost = new PhaseCost(await api.StorageOperationsAsync() - lifecycleStart, lifecycleClock.Elapsed, idle);
        var audit = await StorageAudit.RunAsync(clients, book, merchants, requireFinished: true);
        BareCost? bare = null;
        if (options.BareInstances > 0)
        {
            Log($"bare Durable orchestrations: {options.BareInstances} of the order's shape on their own task hub");
            bare = await BareOrchestration.MeasureAsync(options.Storage, options.Prefix, options.BareInstances, options.IdleDuration);
            Log($"bare orchestration: {bare.OperationsPerInstance:F1} engine storage operations each");
        }

        var results = new LoadResults(
            baseline, idle, max, steps, intakeCost, accepted, book.Count, lifecycleCost, lifecycleElapsed,
            book.All.Count(o => o.Stage == "delivered"), book.All.Count(o => o.Stage == "cancelled"), book.DoneCount, people.Counters, audit, bare);
        var file = await LoadReport.WriteAsync(options, results);
        Log($"results: {file}");
        foreach (var problem in audit.Problems.Take(20))
        {
            Log(problem);
        }

        return audit.Passed ? 0 : 1;
    }

    public static async Task<IReadOnlyList<BenchMerchant>> CreateMerchantsAsync(BackofficeClient api, int count, string prefix)
    {
        var merchants = new List<BenchMerchant>();
        for (var i = 1; i <= count; i++)
        {
            var id = $"{prefix}-m{i:D2}";
            var (currency, zone) = i % 2 == 0 ? ("USD", "America/New_York") : ("EUR", "Europe/Berlin");
            merchants.Add(new BenchMerchant(id, currency, await api.CreateMerchantAsync(id, currency, zone)));
        }

        return merchants;
    }

    /// <summary>
    /// Waits until the engine's storage traffic is back at its idle rate (orchestrations that were still running their
    /// last activity or cancelling a timer have finished), so a phase is charged for all of its engine work.
    /// </summary>
    private static async Task EngineSettledAsync(BackofficeClient api, IdleRate idle)
    {
        var clock = Stopwatch.StartNew();
        var previous = await api.StorageOperationsAsync();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = await api.StorageOperationsAsync();
            if ((now - previous).Engine <= Math.Max(4, idle.Engine * 2 * 1.5))
            {
                return;
            }

            previous = now;
        }
    }

    public static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
