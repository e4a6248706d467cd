namespace Backoffice.Infra.Jobs;

/// <summary>
/// A job that runs on a schedule: the weekly settlement, the monthly invoice, the KPI roll-up. Both hosts run the
/// same job: the local host through <see cref="ScheduledJobRunner"/>, Azure through a timer-triggered function.
/// Jobs must be idempotent: a schedule may fire twice, and two processes may run one at once.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Stable name: configuration key <c>Jobs:{Name}:Schedule</c> overrides <see cref="DefaultSchedule"/>.</summary>
    string Name { get; }

    /// <summary>Six-field NCRONTAB (seconds first), as Azure Functions timer triggers use, evaluated in UTC.</summary>
    string DefaultSchedule { get; }

    /// <summary>
    /// True for a job that catches up by itself what earlier occurrences missed (the finance jobs settle every ended
    /// period not yet closed): the local runner then runs it once for its latest past occurrence when it starts, so an
    /// occurrence the host was down for is not left until the next one. Azure's timer trigger does the same for a
    /// missed occurrence (schedule monitor, <c>IsPastDue</c>).
    /// </summary>
    bool CatchUpOnStart => false;

    Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct);
}
