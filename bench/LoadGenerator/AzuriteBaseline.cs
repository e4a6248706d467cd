using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Backoffice.LoadGenerator;

/// <summary>What the storage emulator itself sustains from this machine: the ceiling every other figure is a share of.</summary>
internal sealed record Baseline(double UpsertsPerSecond, double QueueSendsPerSecond, int Tasks, TimeSpan Duration);

/// <summary>Single-entity table upserts and queue sends straight to Azurite, 16 concurrent tasks, in the run's own namespace.</summary>
internal static class AzuriteBaseline
{
    public const int Tasks = 16;

    public static async Task<Baseline> MeasureAsync(string connectionString, string prefix, TimeSpan duration)
    {
        var name = (prefix + "rawbaseline").ToLowerInvariant();
        var table = new TableServiceClient(connectionString).GetTableClient(name);
        var queue = new QueueServiceClient(connectionString).GetQueueClient(name);
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        try
        {
            var upserts = await RunAsync(duration, async (task, i) =>
                await table.UpsertEntityAsync(new TableEntity($"p{task}", $"r{i}") { ["Value"] = i, ["Text"] = "baseline" }, TableUpdateMode.Replace));
            var sends = await RunAsync(duration, async (_, i) => await queue.SendMessageAsync("baseline " + i));
            return new Baseline(upserts, sends, Tasks, duration);
        }
        finally
        {
            await table.DeleteAsync();
            await queue.DeleteIfExistsAsync();
        }
    }

    private static async Task<double> RunAsync(TimeSpan duration, Func<int, long, Task> operation)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            for (long i = 0; clock.Elapsed < duration; i++)
            {
                await operation(task, i);
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }
}
