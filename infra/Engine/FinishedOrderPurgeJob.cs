using Backoffice.Infra.Jobs;
using Backoffice.Infra.Orders.Lifecycle;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Engine;

/// <summary>
/// The local host's purge of finished order orchestrations older than <c>OrderEngine:FinishedRetention</c>, daily at
/// 03:30 UTC — the same rule and schedule as the Azure timer function (functions/Jobs/FinishedOrderPurgeFunctions), which
/// cannot be an <see cref="IScheduledJob"/> because it needs the invocation's Durable client.
/// </summary>
public sealed class FinishedOrderPurgeJob(DurableTaskClient client, OrderEngineOptions options, TimeProvider clock, ILogger<FinishedOrderPurgeJob> logger) : IScheduledJob
{
    public const string JobName = "FinishedOrderPurge";

    public string Name => JobName;

    public string DefaultSchedule => "0 30 3 * * *";

    public async Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct)
    {
        var purged = await FinishedOrderPurge.RunAsync(client, clock.GetUtcNow(), options.FinishedRetention, ct).ConfigureAwait(false);
        logger.LogInformation("Purged {Count} finished order orchestrations older than {Retention}", purged, options.FinishedRetention);
    }
}
