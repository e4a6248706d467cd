using Backoffice.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Backoffice.Functions.Jobs;

/// <summary>
/// Timer triggers for the scheduled jobs, run by name through the same <c>IScheduledJob</c> registrations the local host
/// runs. Each schedule is the app setting <c>Jobs:{Name}:Schedule</c> (<c>Jobs__{Name}__Schedule</c> in Azure), the very
/// key <see cref="ScheduledJobs"/> reads to know which occurrence a firing stands for, so the two cannot disagree.
/// bicep/modules/functionapp.bicep sets each to the job's <c>DefaultSchedule</c> (six-field NCRONTAB, UTC); a surface
/// test keeps the expressions, the settings and the defaults in line.
/// </summary>
public sealed class ScheduledJobFunctions(ScheduledJobs jobs)
{
    [Function("WeeklySettlement")]
    public Task RunWeeklySettlement([TimerTrigger("%Jobs:WeeklySettlement:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("WeeklySettlement", ct);

    [Function("MonthlyInvoice")]
    public Task RunMonthlyInvoice([TimerTrigger("%Jobs:MonthlyInvoice:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("MonthlyInvoice", ct);

    [Function("KpiRollup")]
    public Task RunKpiRollup([TimerTrigger("%Jobs:KpiRollup:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("KpiRollup", ct);

    [Function("StockOutboxSweep")]
    public Task RunStockOutboxSweep([TimerTrigger("%Jobs:StockOutboxSweep:Schedule%")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("StockOutboxSweep", ct);
}
