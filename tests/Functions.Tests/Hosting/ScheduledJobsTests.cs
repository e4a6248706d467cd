using Backoffice.Functions.Hosting;
using Backoffice.Infra.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.Functions.Tests.Hosting;

public sealed class ScheduledJobsTests
{
    private static readonly DateTimeOffset MondaySixAm = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_timer_runs_the_job_of_its_name_for_the_occurrence_it_stands_for_even_when_it_fires_late()
    {
        var weekly = new RecordingJob("WeeklySettlement", "0 0 6 * * 1");
        var other = new RecordingJob("KpiRollup", "0 5 * * * *");
        var jobs = Jobs([weekly, other], MondaySixAm.AddSeconds(7));

        Assert.True(await jobs.RunAsync("WeeklySettlement", CancellationToken.None));

        Assert.Equal([MondaySixAm], weekly.Runs);
        Assert.Empty(other.Runs);
    }

    [Fact]
    public async Task A_timer_without_a_registered_job_does_nothing()
    {
        var weekly = new RecordingJob("WeeklySettlement", "0 0 6 * * 1");

        Assert.False(await Jobs([weekly], MondaySixAm).RunAsync("MonthlyInvoice", CancellationToken.None));
        Assert.Empty(weekly.Runs);
    }

    [Fact]
    public async Task The_configured_schedule_of_a_job_wins_over_its_default_as_in_the_local_host()
    {
        var weekly = new RecordingJob("WeeklySettlement", "0 0 6 * * 1");
        var jobs = Jobs([weekly], MondaySixAm.AddHours(3).AddSeconds(2), new() { ["Jobs:WeeklySettlement:Schedule"] = "0 0 9 * * 1" });

        await jobs.RunAsync("WeeklySettlement", CancellationToken.None);

        Assert.Equal([MondaySixAm.AddHours(3)], weekly.Runs);
    }

    private static ScheduledJobs Jobs(IScheduledJob[] jobs, DateTimeOffset now, Dictionary<string, string?>? settings = null) =>
        new(jobs, new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build(), new FakeTimeProvider(now), NullLogger<ScheduledJobs>.Instance);

    private sealed class RecordingJob(string name, string schedule) : IScheduledJob
    {
        public List<DateTimeOffset> Runs { get; } = [];

        public string Name => name;

        public string DefaultSchedule => schedule;

        public Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct)
        {
            Runs.Add(scheduledAt);
            return Task.CompletedTask;
        }
    }
}
