using Backoffice.Infra.Jobs;

namespace Backoffice.Infra.Kpi;

/// <summary>The hourly roll-up as a scheduled job (local runner or an Azure Functions timer trigger).</summary>
public sealed class KpiRollupJob(KpiRollup rollup) : IScheduledJob
{
    public const string JobName = "KpiRollup";

    public string Name => JobName;

    public string DefaultSchedule => "0 5 * * * *";

    public Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct) => rollup.RunAsync(ct);
}
