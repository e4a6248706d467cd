using Backoffice.Infra.Engine;
using Backoffice.Infra.Orders.Lifecycle;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Backoffice.Functions.Jobs;

/// <summary>
/// Purges the task-hub history of finished order orchestrations older than <c>OrderEngine:FinishedRetention</c>
/// (default 30 days), daily at 03:30 UTC. Not an <c>IScheduledJob</c>: it needs the invocation's Durable client.
/// </summary>
public sealed class FinishedOrderPurgeFunctions(OrderEngineOptions options, TimeProvider clock, ILogger<FinishedOrderPurgeFunctions> logger)
{
    public const string Name = "FinishedOrderPurge";

    /// <summary>Six-field NCRONTAB, UTC; a literal because it does not depend on any job's settings.</summary>
    public const string Schedule = "0 30 3 * * *";

    [Function(Name)]
    public async Task RunFinishedOrderPurge(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken ct)
    {
        var purged = await FinishedOrderPurge.RunAsync(durable, clock.GetUtcNow(), options.FinishedRetention, ct).ConfigureAwait(false);
        logger.LogInformation("Purged {Count} finished order orchestrations older than {Retention}", purged, options.FinishedRetention);
    }
}
