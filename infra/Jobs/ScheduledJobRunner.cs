using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Backoffice.Infra.Jobs;

/// <summary>
/// The local host's timer triggers: runs each <see cref="IScheduledJob"/> at its NCRONTAB occurrences, and a job that
/// catches up (<see cref="IScheduledJob.CatchUpOnStart"/>) once at start for its latest past occurrence.
/// </summary>
public sealed class ScheduledJobRunner(IEnumerable<IScheduledJob> jobs, IConfiguration configuration, TimeProvider clock, ILogger<ScheduledJobRunner> logger)
    : BackgroundService
{
    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    /// <summary>The latest occurrence at or before <paramref name="now"/> (looking back up to 400 days); null when there is none.</summary>
    public static DateTimeOffset? LatestOccurrence(CrontabSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var end = now.UtcDateTime.AddTicks(1);
        for (var lookBack = TimeSpan.FromMinutes(1); lookBack <= TimeSpan.FromDays(400); lookBack *= 2)
        {
            var occurrences = schedule.GetNextOccurrences(end - lookBack, end).ToArray();
            if (occurrences.Length > 0)
            {
                return new DateTimeOffset(DateTime.SpecifyKind(occurrences[^1], DateTimeKind.Utc));
            }
        }

        return null;
    }

    public string ScheduleOf(IScheduledJob job) => configuration[$"Jobs:{job.Name}:Schedule"] is { Length: > 0 } s ? s : job.DefaultSchedule;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => LoopAsync(job, stoppingToken)));

    private async Task LoopAsync(IScheduledJob job, CancellationToken ct)
    {
        var schedule = Parse(ScheduleOf(job));
        if (job.CatchUpOnStart && LatestOccurrence(schedule, clock.GetUtcNow()) is { } missed)
        {
            await RunOnceAsync(job, missed, "catching up at start", ct).ConfigureAwait(false);
        }

        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, clock, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            await RunOnceAsync(job, next, "on schedule", ct).ConfigureAwait(false);
        }
    }

    private async Task RunOnceAsync(IScheduledJob job, DateTimeOffset scheduledAt, string why, CancellationToken ct)
    {
        try
        {
            logger.LogInformation("Running scheduled job {Job} for {ScheduledAt} ({Why})", job.Name, scheduledAt, why);
            await job.RunAsync(scheduledAt, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Scheduled job {Job} failed; it runs again at its next occurrence", job.Name);
        }
    }
}
