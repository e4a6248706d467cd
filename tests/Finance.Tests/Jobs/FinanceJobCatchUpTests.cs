using Backoffice.Core.Finance;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Jobs;
using Backoffice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Backoffice.Finance.Tests.Jobs;

/// <summary>Runs the host missed are caught up: every ended period gets its own statement or invoice, oldest first.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FinanceJobCatchUpTests(AzuriteFixture azurite)
{
    private static DateTimeOffset Utc(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private static IEnumerable<string> OrderIds(IReadOnlyList<string[]> rows) => rows.Where(r => r[0] == "order").Select(r => r[1]);

    private static async Task RunAtAsync(FinanceWorld world, IScheduledJob job, DateTimeOffset at)
    {
        world.Clock.SetUtcNow(at);
        await job.RunAsync(at, CancellationToken.None);
    }

    [Fact]
    public async Task A_skipped_monday_is_caught_up_by_the_next_run_with_a_statement_per_week_each_with_its_own_cash()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 3));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAtAsync(berlin, "ORD-W45", 1_000, Utc(11, 4));
        await RunAtAsync(world, world.WeeklyJob, Utc(11, 9, 6));  // Monday: settles 2026-W45
        await world.CollectAtAsync(berlin, "ORD-W46", 2_000, Utc(11, 11));
        // Monday 16 November 06:00: the host is down, no run.
        await world.CollectAtAsync(berlin, "ORD-W47", 4_000, Utc(11, 18));

        await RunAtAsync(world, world.WeeklyJob, Utc(11, 23, 6));

        var statements = await world.Documents.ListAsync(FinanceDocumentKind.Settlement, "berlin", null, null, 10);
        Assert.Equal(["2026-W45", "2026-W46", "2026-W47"], statements.Select(s => s.Period));
        Assert.Equal([1_000L, 2_000L, 4_000L], statements.Select(s => s.Totals<SettlementTotals>().CashCollected));
        Assert.Equal(["ORD-W46"], OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W46.csv")));
        Assert.Equal(["ORD-W47"], OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W47.csv")));
        Assert.All(statements, s => Assert.Equal(0, s.Totals<SettlementTotals>().LateOrders));
        Assert.Equal(
            ["settlement/berlin/2026-W45", "settlement/berlin/2026-W46", "settlement/berlin/2026-W47"],
            (await world.FinanceMessagesAsync()).Select(m => m.GetProperty("id").GetString()));

        await RunAtAsync(world, world.WeeklyJob, Utc(11, 23, 7)); // a second firing changes nothing
        Assert.Equal(3, (await world.FinanceMessagesAsync()).Count);
    }

    [Fact]
    public async Task A_merchant_never_settled_starts_at_the_week_of_its_first_entry_and_a_week_without_cash_has_no_statement()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 3));
        var shop = await world.MerchantAsync("fresh", "Europe/Moscow");
        await world.MerchantAsync("empty", "Europe/Moscow");
        await world.CollectAtAsync(shop, "ORD-W45", 1_000, Utc(11, 4));
        await world.CollectAtAsync(shop, "ORD-W47", 3_000, Utc(11, 18));

        await RunAtAsync(world, world.WeeklyJob, Utc(11, 23, 6));

        var statements = await world.Documents.ListAsync(FinanceDocumentKind.Settlement, "fresh", null, null, 10);
        Assert.Equal(["2026-W45", "2026-W47"], statements.Select(s => s.Period));
        Assert.Equal(["ORD-W45"], OrderIds(await world.CsvRowsAsync("settlements/fresh/2026-W45.csv")));
        Assert.Empty(await world.Documents.ListAsync(FinanceDocumentKind.Settlement, "empty", null, null, 10));
        Assert.Null((await world.Ledger.FenceAsync("empty")).LastPeriod); // nothing recorded: nothing closed
    }

    [Fact]
    public async Task After_an_outage_longer_than_the_bound_the_oldest_week_caught_up_takes_the_older_cash_marked_late()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(10, 27), new FinanceOptions { CatchUpWeeks = 2 });
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAtAsync(berlin, "ORD-W44", 500, Utc(10, 28));
        await world.CollectAtAsync(berlin, "ORD-W46", 2_000, Utc(11, 11));
        await world.CollectAtAsync(berlin, "ORD-W47", 4_000, Utc(11, 18));

        await RunAtAsync(world, world.WeeklyJob, Utc(11, 23, 6));

        var statements = await world.Documents.ListAsync(FinanceDocumentKind.Settlement, "berlin", null, null, 10);
        Assert.Equal(["2026-W46", "2026-W47"], statements.Select(s => s.Period));
        var rows = await world.CsvRowsAsync("settlements/berlin/2026-W46.csv");
        Assert.Equal(["ORD-W44", "ORD-W46"], OrderIds(rows));
        Assert.StartsWith("late: delivered in 2026-W44", rows.Single(r => r[1] == "ORD-W44")[9], StringComparison.Ordinal);
        Assert.Equal(2_500L + 4_000, (await world.Ledger.BalanceAsync("berlin")).Collected);
        Assert.Equal(2_500L + 4_000, statements.Sum(s => s.Totals<SettlementTotals>().CashCollected)); // none lost
    }

    [Fact]
    public async Task A_skipped_first_of_the_month_is_caught_up_with_an_invoice_per_month()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(9, 1));
        var moscow = await world.MerchantAsync("east", "Europe/Moscow", tariff: new Core.Merchants.Tariff(100, 0, 0));
        await world.DeliverAsync(moscow, "ORD-SEP", 1_000, 0, Utc(9, 10));
        await RunAtAsync(world, world.MonthlyJob, Utc(10, 1, 6)); // invoices September
        await world.DeliverAsync(moscow, "ORD-OCT-1", 1_000, 1_000, Utc(10, 10));
        await world.DeliverAsync(moscow, "ORD-OCT-2", 1_000, 0, Utc(10, 20));
        // 1 November 06:00: the host is down.
        await world.DeliverAsync(moscow, "ORD-NOV", 1_000, 0, Utc(11, 10));

        await RunAtAsync(world, world.MonthlyJob, Utc(12, 1, 6));

        var invoices = await world.Documents.ListAsync(FinanceDocumentKind.Invoice, "east", null, null, 10);
        Assert.Equal(["2026-09", "2026-10", "2026-11"], invoices.Select(i => i.Period));
        Assert.Equal([1, 2, 1], invoices.Select(i => i.Totals<InvoiceTotals>().Orders));
        Assert.Equal(["ORD-NOV"], OrderIds(await world.CsvRowsAsync("invoices/east/2026-11.csv")));
    }

    [Fact]
    public async Task The_local_runner_started_after_a_missed_monday_settles_that_week_at_once()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 11));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAsync(berlin, "ORD-W46", 2_000);
        world.Clock.SetUtcNow(Utc(11, 17, 10)); // Tuesday: the host was down on Monday 06:00 and starts now
        var weekly = new SignallingJob(world.WeeklyJob);
        var other = new SignallingJob(new NoCatchUpJob());
        using var runner = new ScheduledJobRunner([weekly, other], new ConfigurationBuilder().Build(), world.Clock, NullLogger<ScheduledJobRunner>.Instance);

        await runner.StartAsync(CancellationToken.None);
        var scheduledAt = await weekly.Ran.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await runner.StopAsync(CancellationToken.None);

        Assert.True(world.WeeklyJob.CatchUpOnStart && world.MonthlyJob.CatchUpOnStart);
        Assert.Equal(Utc(11, 16, 6), scheduledAt);
        Assert.NotNull(await world.Documents.GetAsync(FinanceDocumentKind.Settlement, "berlin", "2026-W46"));
        Assert.False(other.Ran.Task.IsCompleted, "a job that does not catch up waits for its next occurrence");
    }

    /// <summary>Completes <see cref="Ran"/> with the occurrence once the inner job has run.</summary>
    private sealed class SignallingJob(IScheduledJob inner) : IScheduledJob
    {
        public TaskCompletionSource<DateTimeOffset> Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => inner.Name;

        public string DefaultSchedule => inner.DefaultSchedule;

        public bool CatchUpOnStart => inner.CatchUpOnStart;

        public async Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct)
        {
            await inner.RunAsync(scheduledAt, ct);
            Ran.TrySetResult(scheduledAt);
        }
    }

    private sealed class NoCatchUpJob : IScheduledJob
    {
        public string Name => "Hourly";

        public string DefaultSchedule => "0 0 * * * *";

        public Task RunAsync(DateTimeOffset scheduledAt, CancellationToken ct) => Task.CompletedTask;
    }
}
