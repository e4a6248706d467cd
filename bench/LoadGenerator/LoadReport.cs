using System.Globalization;
using System.Text;

namespace Backoffice.LoadGenerator;

/// <summary>Writes bench/results/&lt;date&gt;-&lt;HHmm&gt;-load.md (a run never overwrites an earlier one): machine, setup, figures, targets, the audit, and the README table.</summary>
internal static class LoadReport
{
    public static async Task<string> WriteAsync(BenchOptions options, LoadResults r)
    {
        var text = new StringBuilder();
        var half = r.Steps.Single(s => s.Label.StartsWith("50", StringComparison.Ordinal));
        var perWebhook = r.IntakeCost.Net / Math.Max(1, r.Accepted);
        var perDelivered = ((perWebhook * r.Orders) + r.LifecycleCost.Net) / Math.Max(1, r.Delivered);
        var enginePerWebhook = r.IntakeCost.EngineNet / Math.Max(1, r.Accepted);
        var enginePerDelivered = ((enginePerWebhook * r.Orders) + r.LifecycleCost.EngineNet) / Math.Max(1, r.Delivered);
        var totalPerDelivered = perDelivered + enginePerDelivered;
        var commandP99 = Percentile(r.People.CommandLatencies, 99);
        var visibleP99 = Percentile(r.People.NextStageVisible, 99);
        var deliveredPerSecond = r.Delivered / r.LifecycleElapsed.TotalSeconds;
        var upserts = r.Baseline.UpsertsPerSecond;

        Line(text, $"# Load benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(text, string.Empty);
        Line(text, "Run with `scripts/bench.sh` (a fresh Azurite with its data in a temporary folder + the local host in Development, both started and stopped by the script).");
        Line(text, string.Empty);
        Line(text, "| machine | |");
        Line(text, "| --- | --- |");
        foreach (var (name, value) in MachineInfo.Describe(Directory.GetCurrentDirectory()))
        {
            Line(text, $"| {name} | {value} |");
        }

        Line(text, string.Empty);
        Line(text, $"Setup: {options.Merchants} merchants created through `PUT /api/merchants/{{id}}` without a status URL (so no status is queued for them; a merchant with one pays 3 storage operations more per status change); webhooks round-robin over our format, Shopify and WooCommerce; "
            + $"intake steps of {options.StepDuration.TotalSeconds:F0} s; {options.SaturationSenders} closed-loop senders to find the maximum; "
            + $"{options.WorkersPerStage} people per stage with {options.WorkerParallelism} orders in hand each. The load generator runs on the same 2 cores as the host and Azurite.");
        Line(text, string.Empty);

        Line(text, "## Raw Azurite baseline (same run, 16 concurrent tasks)");
        Line(text, string.Empty);
        Line(text, $"| single-entity upserts/s | queue sends/s |");
        Line(text, "| ---: | ---: |");
        Line(text, $"| {upserts:F0} | {r.Baseline.QueueSendsPerSecond:F0} |");
        Line(text, string.Empty);

        Line(text, "## Webhook intake");
        Line(text, string.Empty);
        Line(text, "Latency of the open-loop steps is measured from the moment each webhook was due, so queueing in the server counts.");
        Line(text, string.Empty);
        Line(text, "| step | offered/s | accepted/s | × raw upserts | p50 ms | p95 ms | p99 ms | refused | no answer |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var step in new[] { r.Max }.Concat(r.Steps))
        {
            var offered = double.IsNaN(step.TargetRate) ? "—" : step.TargetRate.ToString("F1", CultureInfo.InvariantCulture);
            Line(text, $"| {step.Label} | {offered} | {step.AcceptedPerSecond:F1} | {step.AcceptedPerSecond / upserts:F3} | {step.Percentile(50):F0} | {step.Percentile(95):F0} | {step.Percentile(99):F0} | {step.Refused} | {step.Failed} |");
        }

        Line(text, string.Empty);
        Line(text, "## Full lifecycle");
        Line(text, string.Empty);
        Line(text, $"All accepted orders (the intake's {r.Accepted} and the warm-up's) worked to the end by the simulated people: {r.Delivered} delivered, {r.Cancelled} cancelled "
            + $"({r.Terminal} finished) in {r.LifecycleElapsed.TotalSeconds:F0} s → **{deliveredPerSecond:F1} delivered orders/s** ({deliveredPerSecond / upserts:F3} × raw upserts).");
        Line(text, $"People's requests: {r.People.QueueReads} work-queue pages, {r.People.OrderReads} order reads, {r.People.Commands} commands "
            + $"({r.People.Conflicts} answered 409, {r.People.Failures} failed), {r.People.Chased} orders chased outside the queues.");
        Line(text, string.Empty);

        Line(text, "## Operator commands");
        Line(text, string.Empty);
        Line(text, $"Every command's answer, from sending to the response ({r.People.CommandLatencies.Count} commands): p50 {Percentile(r.People.CommandLatencies, 50):F0} ms, "
            + $"p95 {Percentile(r.People.CommandLatencies, 95):F0} ms, **p99 {commandP99:F0} ms**.");
        Line(text, $"Next stage visible — from sending a command that moved an order into another work stage until that stage's work-queue row could be read "
            + $"from storage (every fourth such command, at most 4 probes at once reading every 100 ms; {r.People.NextStageVisible.Count} probes, {r.People.VisibilityTimeouts} gave up at 30 s): "
            + $"p50 {Percentile(r.People.NextStageVisible, 50):F0} ms, p95 {Percentile(r.People.NextStageVisible, 95):F0} ms, **p99 {visibleP99:F0} ms**.");
        Line(text, string.Empty);

        Line(text, "## Storage operations (counted by the Azure SDK pipeline policies in the host)");
        Line(text, string.Empty);
        Line(text, $"Two counters: the application's clients and the Durable sidecar's (DurableTask.AzureStorage: control and work-item queues, history and "
            + $"instance tables, partition leases). Idle: {r.Idle.App:F1} application and {r.Idle.Engine:F1} engine operations/s (measured before the load; "
            + "each phase's duration × that rate is subtracted). Each phase runs until the outbox is drained and the engine's traffic is back at idle.");
        Line(text, string.Empty);
        Line(text, "| figure | application | engine | phase totals (application raw / net; engine raw / net) |");
        Line(text, "| --- | ---: | ---: | ---: |");
        Line(text, $"| per accepted webhook | {perWebhook:F1} | {enginePerWebhook:F1} | {r.IntakeCost.Operations.App} / {r.IntakeCost.Net:F0}; {r.IntakeCost.Operations.Engine} / {r.IntakeCost.EngineNet:F0} over {r.IntakeCost.Elapsed.TotalSeconds:F0} s |");
        Line(text, $"| per order, people's work only | {r.LifecycleCost.Net / Math.Max(1, r.Orders):F1} | {r.LifecycleCost.EngineNet / Math.Max(1, r.Orders):F1} | {r.LifecycleCost.Operations.App} / {r.LifecycleCost.Net:F0}; {r.LifecycleCost.Operations.Engine} / {r.LifecycleCost.EngineNet:F0} over {r.LifecycleCost.Elapsed.TotalSeconds:F0} s |");
        Line(text, $"| per delivered order ((per webhook × {r.Orders} orders + people's work) ÷ {r.Delivered} delivered) | {perDelivered:F1} | {enginePerDelivered:F1} | |");
        if (r.Bare is { } bare)
        {
            Line(text, $"| bare Durable orchestration of the same shape ({bare.Rounds + 1} activities, {bare.Rounds} timers raced against {bare.Rounds} events; {bare.Instances} instances, same Azurite, same run) | — | {bare.OperationsPerInstance:F1} | idle {bare.IdlePerSecond:F1}/s, {bare.Elapsed.TotalSeconds:F0} s |");
        }

        Line(text, string.Empty);

        var bareCost = r.Bare?.OperationsPerInstance ?? double.NaN;
        Line(text, "## Targets (reported, not tests)");
        Line(text, string.Empty);
        Line(text, "| target | measured | met |");
        Line(text, "| --- | --- | --- |");
        Line(text, $"| intake ≥ 0.25 × raw upserts ({0.25 * upserts:F0}/s) | max {r.Max.AcceptedPerSecond:F1}/s = {r.Max.AcceptedPerSecond / upserts:F3} × | {Met(r.Max.AcceptedPerSecond >= 0.25 * upserts)} |");
        Line(text, $"| intake p99 ≤ 100 ms at half the maximum rate | {half.Percentile(99):F0} ms at {half.TargetRate:F1}/s | {Met(half.Percentile(99) <= 100)} |");
        Line(text, $"| ≤ 3 storage operations per accepted webhook (application) | {perWebhook:F1} (+ {enginePerWebhook:F1} engine) | {Met(perWebhook <= 3)} |");
        Line(text, $"| per delivered order ≤ 1.5 × a bare orchestration ({1.5 * bareCost:F1}) | {totalPerDelivered:F1} (application {perDelivered:F1} + engine {enginePerDelivered:F1}); engine alone {enginePerDelivered / bareCost:F2} × bare | {Met(totalPerDelivered <= 1.5 * bareCost)} |");
        Line(text, $"| command answer p99 ≤ 250 ms | {commandP99:F0} ms | {Met(commandP99 <= 250)} |");
        Line(text, $"| next stage visible p99 ≤ 2 s | {visibleP99:F0} ms | {Met(visibleP99 <= 2000 && r.People.VisibilityTimeouts == 0)} |");
        Line(text, $"| zero loss | {(r.Audit.Passed ? "no order lost, duplicated or off its course; ledger reconciles" : $"{r.Audit.Problems.Count} problems")} | {Met(r.Audit.Passed)} |");
        Line(text, string.Empty);

        Line(text, "## Audit");
        Line(text, string.Empty);
        Line(text, $"Acknowledged {r.Audit.Acknowledged}, stored {r.Audit.Stored}, listed {r.Audit.Indexed}; end states checked {r.Audit.Checked}; "
            + $"ledger entries {r.Audit.LedgerEntries}, collected {r.Audit.Collected} = handed over {r.Audit.HandedOver} + outstanding {r.Audit.Outstanding}.");
        foreach (var problem in r.Audit.Problems.Take(30))
        {
            Line(text, $"- {problem}");
        }

        Line(text, string.Empty);
        Line(text, "## Summary for the README");
        Line(text, string.Empty);
        Line(text, "| measure | result | target |");
        Line(text, "| --- | --- | --- |");
        Line(text, $"| raw Azurite, 16 tasks | {upserts:F0} upserts/s, {r.Baseline.QueueSendsPerSecond:F0} queue sends/s | — |");
        Line(text, $"| webhook intake, max | {r.Max.AcceptedPerSecond:F0} orders/s ({r.Max.AcceptedPerSecond / upserts:F2} × raw upserts) | ≥ 0.25 × |");
        Line(text, $"| intake latency at 50 % of max | p50 {half.Percentile(50):F0} ms, p95 {half.Percentile(95):F0} ms, p99 {half.Percentile(99):F0} ms | p99 ≤ 100 ms |");
        Line(text, $"| full lifecycle | {deliveredPerSecond:F1} delivered orders/s | — |");
        Line(text, $"| operator commands | answer p99 {commandP99:F0} ms; next stage visible p99 {visibleP99:F0} ms | ≤ 250 ms; ≤ 2 s |");
        Line(text, $"| storage operations per accepted webhook | {perWebhook:F1} application + {enginePerWebhook:F1} engine | ≤ 3 |");
        Line(text, $"| storage operations per delivered order | {perDelivered:F1} application + {enginePerDelivered:F1} engine = {totalPerDelivered:F1}; bare orchestration {bareCost:F1} | ≤ 1.5 × bare |");
        Line(text, $"| loss | {(r.Audit.Passed ? "none" : $"{r.Audit.Problems.Count} problems")} ({r.Audit.Acknowledged} orders audited) | zero |");

        Directory.CreateDirectory(options.Results);
        var file = Path.Combine(options.Results, $"{DateTime.UtcNow:yyyy-MM-dd-HHmm}-load.md");
        await File.WriteAllTextAsync(file, text.ToString());
        return file;
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}
