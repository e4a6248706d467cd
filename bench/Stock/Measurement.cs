using System.Diagnostics;
using Backoffice.Infra.Storage;

namespace Backoffice.Bench.Stock;

/// <summary>One measured scenario: operations per second, storage requests per operation, latency percentiles.</summary>
internal sealed record Measurement(string Scenario, int Tasks, long Operations, double Seconds, long StorageRequests, double P50Ms, double P95Ms, string Check)
{
    public double PerSecond => Operations / Seconds;

    public double RequestsPerOperation => Operations == 0 ? 0 : (double)StorageRequests / Operations;

    /// <summary>Runs <paramref name="operation"/> from <paramref name="tasks"/> concurrent tasks for <paramref name="duration"/>.</summary>
    public static async Task<(long Operations, double Seconds, long Requests, double P50, double P95)> RunAsync(
        int tasks, TimeSpan duration, StorageOperationCounter counter, Func<int, long, Task> operation)
    {
        var latencies = new List<double>[tasks];
        long done = 0;
        var before = counter.Count;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            var mine = latencies[task] = [];
            for (long i = 0; clock.Elapsed < duration; i++)
            {
                var started = clock.Elapsed;
                await operation(task, i);
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
                Interlocked.Increment(ref done);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (done, seconds, counter.Count - before, Percentile(all, 0.50), Percentile(all, 0.95));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
