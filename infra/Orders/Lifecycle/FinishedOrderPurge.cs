using Microsoft.DurableTask.Client;

namespace Backoffice.Infra.Orders.Lifecycle;

/// <summary>
/// Removes the task-hub history of order orchestrations that finished (completed, failed or terminated) and were created
/// longer than the retention period ago. A running order is never touched. The order itself stays in its table: only the
/// engine's copy of its life goes.
/// </summary>
public static class FinishedOrderPurge
{
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>What is due for purging at <paramref name="now"/>: finished instances created before now − retention.</summary>
    public static PurgeInstancesFilter Filter(DateTimeOffset now, TimeSpan retention) => new(null, now - retention, Finished);

    /// <summary>Purges what is due and returns how many instances went.</summary>
    public static async Task<int> RunAsync(DurableTaskClient client, DateTimeOffset now, TimeSpan retention, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.PurgeAllInstancesAsync(Filter(now, retention), ct).ConfigureAwait(false);
        return result.PurgedInstanceCount;
    }
}
