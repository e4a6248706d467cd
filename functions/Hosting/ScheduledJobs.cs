using Backoffice.Infra.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Backoffice.Functions.Hosting;

/// <summary>
/// Runs a registered <see cref="IScheduledJob"/> by name from a timer trigger, so functions/ needs no job classes: the
/// finance and KPI features register theirs, and the same job runs in both hosts.
/// </summary>
public sealed class ScheduledJobs(IEnumerable<IScheduledJob> jobs, IConfiguration configuration, TimeProvider clock, ILogger<ScheduledJobs> logger)
{
    /// <summary>Runs the job; false when no job of that name is registered (the timer then does nothing).</summary>
    public async Task<bool> RunAsync(string name, CancellationToken ct)
    {
        var job = jobs.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal));
        if (job is null)
        {
            logger.LogWarning("No scheduled job named {Job} is registered; the timer fired without effect", name);
            return false;
        }

        var scheduledAt = ScheduledOccurrence(job, clock.GetUtcNow());
        logger.LogInformation("Running scheduled job {Job} for {ScheduledAt}", name, scheduledAt);
        await job.RunAsync(scheduledAt, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The schedule in force: <c>Jobs:{Name}:Schedule</c>, else the job's default (as the local runner reads it).</summary>
    public string ScheduleOf(IScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return configuration[$"Jobs:{job.Name}:Schedule"] is { Length: > 0 } configured ? configured : job.DefaultSchedule;
    }

    /// <summary>
    /// The occurrence this firing stands for: the latest one of the job's schedule at or before now, so a timer that fires
    /// a little late (or twice) hands the job the same instant the local runner would.
    /// </summary>
    public DateTimeOffset ScheduledOccurrence(IScheduledJob job, DateTimeOffset now)
    {
        var schedule = ScheduledJobRunner.Parse(ScheduleOf(job));
        var end = now.UtcDateTime.AddTicks(1);
        for (var lookBack = TimeSpan.FromMinutes(1); lookBack <= TimeSpan.FromDays(400); lookBack *= 2)
        {
            var occurrences = schedule.GetNextOccurrences(end - lookBack, end).ToArray();
            if (occurrences.Length > 0)
            {
                return new DateTimeOffset(DateTime.SpecifyKind(occurrences[^1], DateTimeKind.Utc));
            }
        }

        return now;
    }
}
