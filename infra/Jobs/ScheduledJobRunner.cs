using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Backoffice.Infra.Jobs;

/// <summary>The local host's timer triggers: runs each <see cref="IScheduledJob"/> at its NCRONTAB occurrences.</summary>
public sealed class ScheduledJobRunner(IEnumerable<IScheduledJob> jobs, IConfiguration configuration, TimeProvider clock, ILogger<ScheduledJobRunner> logger)
    : BackgroundService
{
    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    public string ScheduleOf(IScheduledJob job) => configuration[$"Jobs:{job.Name}:Schedule"] is { Length: > 0 } s ? s : job.DefaultSchedule;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => LoopAsync(job, stoppingToken)));

    private async Task LoopAsync(IScheduledJob job, CancellationToken ct)
    {
        var schedule = Parse(ScheduleOf(job));
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, clock, ct).ConfigureAwait(false);
                logger.LogInformation("Running scheduled job {Job} for {ScheduledAt}", job.Name, next);
                await job.RunAsync(next, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Scheduled job {Job} failed; it runs again at its next occurrence", job.Name);
            }
        }
    }
}
