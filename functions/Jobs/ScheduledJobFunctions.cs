using Backoffice.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Backoffice.Functions.Jobs;

/// <summary>
/// Timer triggers for the scheduled jobs, run by name through the same <c>IScheduledJob</c> registrations the local host
/// runs. Schedules are six-field NCRONTAB in UTC and equal each job's <c>DefaultSchedule</c> (a surface test keeps them
/// equal). They are literals, not <c>%app setting%</c> expressions: a missing setting would leave the function unable to
/// start, and the local host's override key (<c>Jobs:{Name}:Schedule</c>) cannot be an app setting name for every job.
/// </summary>
public sealed class ScheduledJobFunctions(ScheduledJobs jobs)
{
    [Function("WeeklySettlement")]
    public Task RunWeeklySettlement([TimerTrigger("0 0 6 * * 1")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("WeeklySettlement", ct);

    [Function("MonthlyInvoice")]
    public Task RunMonthlyInvoice([TimerTrigger("0 0 6 1 * *")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("MonthlyInvoice", ct);

    [Function("KpiRollup")]
    public Task RunKpiRollup([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("KpiRollup", ct);

    [Function("StockOutboxSweep")]
    public Task RunStockOutboxSweep([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken ct) =>
        jobs.RunAsync("stock-outbox", ct);
}
