using Backoffice.Core.Finance;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Finance.Tests.Settlements;

[Collection(AzuriteCollection.Name)]
public sealed class SettlementRunTests(AzuriteFixture azurite)
{
    private static readonly SettlementWeek W47 = new(2026, 47);
    private static readonly DateTimeOffset Monday23Nov0600 = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static IEnumerable<string> OrderIds(IReadOnlyList<string[]> rows) => rows.Where(r => r[0] == "order").Select(r => r[1]);

    [Fact]
    public async Task Merchants_three_hours_east_and_five_hours_west_of_utc_are_settled_by_their_own_local_week()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 20, 12, 0));
        var moscow = await world.MerchantAsync("east", "Europe/Moscow");
        var bogota = await world.MerchantAsync("west", "America/Bogota");
        await world.CollectAtAsync(moscow, "ORD-EAST-SUNDAY", 1000, Utc(11, 22, 20, 59));  // Sunday 23:59 in Moscow
        await world.CollectAtAsync(moscow, "ORD-EAST-MONDAY", 2000, Utc(11, 22, 21, 1));   // Monday 00:01 in Moscow
        await world.CollectAtAsync(bogota, "ORD-WEST-SUNDAY", 3000, Utc(11, 23, 4, 59));   // Sunday 23:59 in Bogota
        await world.CollectAtAsync(bogota, "ORD-WEST-MONDAY", 4000, Utc(11, 23, 5, 1));    // Monday 00:01 in Bogota
        world.Clock.SetUtcNow(Monday23Nov0600);

        var east = await world.Settlements.RunAsync("east", W47);
        var west = await world.Settlements.RunAsync("west", W47);

        Assert.Equal(RunOutcome.Created, east.Outcome);
        Assert.Equal(["ORD-EAST-SUNDAY"], OrderIds(await world.CsvRowsAsync("settlements/east/2026-W47.csv")));
        Assert.Equal(Utc(11, 22, 21, 0), east.Document!.PeriodEnd);
        Assert.Equal(["ORD-WEST-SUNDAY"], OrderIds(await world.CsvRowsAsync("settlements/west/2026-W47.csv")));
        Assert.Equal(3000, west.Document!.Totals<SettlementTotals>().CashCollected);

        world.Clock.SetUtcNow(Monday23Nov0600.AddDays(7));
        await world.Settlements.RunAsync("east", W47.Next);
        await world.Settlements.RunAsync("west", W47.Next);
        Assert.Equal(["ORD-EAST-MONDAY"], OrderIds(await world.CsvRowsAsync("settlements/east/2026-W48.csv")));
        Assert.Equal(["ORD-WEST-MONDAY"], OrderIds(await world.CsvRowsAsync("settlements/west/2026-W48.csv")));
    }

    [Fact]
    public async Task The_week_summer_time_ends_closes_at_local_midnight_of_the_winter_offset()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(10, 20, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAtAsync(berlin, "ORD-SUN-2330", 1000, Utc(10, 25, 22, 30)); // Sunday 23:30 CET
        await world.CollectAtAsync(berlin, "ORD-MON-0030", 1000, Utc(10, 25, 23, 30)); // Monday 00:30 CET
        world.Clock.SetUtcNow(Utc(10, 26, 6, 0));

        var result = await world.Settlements.RunAsync("berlin", new SettlementWeek(2026, 43));

        Assert.Equal(TimeSpan.FromHours(169), result.Document!.PeriodEnd - result.Document.PeriodStart);
        Assert.Equal(["ORD-SUN-2330"], OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W43.csv")));
    }

    [Fact]
    public async Task Iso_week_53_is_settled_under_its_own_label()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2027, 1, 3, 12, 0, 0, TimeSpan.Zero));
        var moscow = await world.MerchantAsync("east", "Europe/Moscow");
        await world.CollectAsync(moscow, "ORD-NEW-YEAR", 5000);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 4, 6, 0, 0, TimeSpan.Zero));

        var week = SettlementWeek.LatestEnded(world.Clock.GetUtcNow(), MerchantCalendar.Zone("Europe/Moscow"));
        var result = await world.Settlements.RunAsync("east", week);

        Assert.Equal("2026-W53", week.Label);
        Assert.Equal(RunOutcome.Created, result.Outcome);
        Assert.True(await world.Blob("settlements/east/2026-W53.pdf").ExistsAsync());
        Assert.Equal(["ORD-NEW-YEAR"], OrderIds(await world.CsvRowsAsync("settlements/east/2026-W53.csv")));
    }

    [Fact]
    public async Task Cash_recorded_after_the_week_closed_goes_into_the_next_statement_marked_late()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAtAsync(berlin, "ORD-ON-TIME", 1000, Utc(11, 20, 10, 0));
        var sundayEvening = Utc(11, 22, 22, 50); // Sunday 23:50 in Berlin
        world.Clock.SetUtcNow(Utc(11, 23, 3, 0)); // recorded after the week ended, before the run
        await world.CollectAsync(berlin, "ORD-RECORDED-MONDAY-NIGHT", 2000, sundayEvening);
        world.Clock.SetUtcNow(Monday23Nov0600);
        await world.Settlements.RunAsync("berlin", W47);
        world.Clock.SetUtcNow(Utc(11, 23, 8, 0)); // recorded after the run
        await world.CollectAsync(berlin, "ORD-RECORDED-AFTER-RUN", 3000, sundayEvening);

        world.Clock.SetUtcNow(Monday23Nov0600.AddDays(7));
        var next = await world.Settlements.RunAsync("berlin", W47.Next);

        Assert.Equal(["ORD-ON-TIME"], OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W47.csv")));
        var rows = await world.CsvRowsAsync("settlements/berlin/2026-W48.csv");
        Assert.Equal(["ORD-RECORDED-MONDAY-NIGHT", "ORD-RECORDED-AFTER-RUN"], OrderIds(rows));
        Assert.All(rows.Where(r => r[0] == "order"), r => Assert.StartsWith("late: delivered in 2026-W47", r[9], StringComparison.Ordinal));
        Assert.Equal(2, next.Document!.Totals<SettlementTotals>().LateOrders);
    }

    [Fact]
    public async Task A_posting_whose_clock_lags_behind_a_closed_week_is_recorded_at_the_cut_off_and_lands_in_the_next_statement()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 20, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAsync(berlin, "ORD-1", 1000);
        world.Clock.SetUtcNow(Monday23Nov0600);
        var closed = await world.Settlements.RunAsync("berlin", W47);

        var skewed = world.Twin(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Utc(11, 22, 12, 0))); // a writer whose clock is a day behind
        var late = await skewed.CollectAsync(berlin, "ORD-SKEWED", 500);

        Assert.Equal(closed.Document!.ToTicks, late.RecordedAt.UtcTicks);
        world.Clock.SetUtcNow(Monday23Nov0600.AddDays(7));
        await world.Settlements.RunAsync("berlin", W47.Next);
        Assert.Equal(["ORD-SKEWED"], OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W48.csv")));
    }

    [Fact]
    public async Task Postings_racing_a_close_land_in_exactly_one_of_the_two_statements()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 22, 22, 59)); // one minute before the Berlin week ends
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        var writer = world.Twin();
        var posts = Enumerable.Range(0, 40).Select(i => Task.Run(() => writer.CollectAsync(berlin, $"ORD-RACE-{i:D2}", 100 + i))).ToArray();
        await Task.WhenAny(posts);
        var (_, end) = W47.Bounds(MerchantCalendar.Zone("Europe/Berlin"));
        var close = world.Ledger.CloseAsync("berlin", W47.Label, end); // closes while postings are in flight, clock still before the end
        await Task.WhenAll(posts);
        await close;

        world.Clock.SetUtcNow(Monday23Nov0600);
        await world.Settlements.RunAsync("berlin", W47);
        world.Clock.SetUtcNow(Monday23Nov0600.AddDays(7));
        await world.Settlements.RunAsync("berlin", W47.Next);

        var first = OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W47.csv")).ToArray();
        var second = await world.Blob("settlements/berlin/2026-W48.csv").ExistsAsync()
            ? OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W48.csv")).ToArray()
            : [];
        Assert.Empty(first.Intersect(second));
        Assert.Equal(40, first.Length + second.Length);
        Assert.Equal(40, first.Concat(second).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 40).Sum(i => 100L + i), (await world.Ledger.BalanceAsync("berlin")).Collected);
    }

    [Fact]
    public async Task Corrections_and_refunds_appear_with_reason_and_author_and_change_the_net()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin", tariff: new Core.Merchants.Tariff(100, 0, 0, NetFeesFromSettlement: true));
        await world.CollectAsync(berlin, "ORD-1", 10_000);
        await world.CollectAsync(berlin, "ORD-2", 5_000);
        await world.AdjustAsync(berlin, "fix-1", LedgerEntryKind.Correction, 250, "Courier under-counted", "ORD-1");
        await world.AdjustAsync(berlin, "refund-1", LedgerEntryKind.Refund, -1_000, "Item returned at the door", "ORD-2");
        await world.AdjustAsync(berlin, "refund-1", LedgerEntryKind.Refund, -1_000, "Item returned at the door", "ORD-2"); // a retried call
        world.Clock.SetUtcNow(Monday23Nov0600);

        var result = await world.Settlements.RunAsync("berlin", W47);

        var totals = result.Document!.Totals<SettlementTotals>();
        Assert.Equal((2, 15_000L, 200L, -750L, 2), (totals.Orders, totals.CashCollected, totals.Fees, totals.Adjustments, totals.AdjustmentCount));
        Assert.Equal(15_000 - 200 - 750, totals.NetToTransfer);
        var rows = await world.CsvRowsAsync("settlements/berlin/2026-W47.csv");
        var refund = Assert.Single(rows, r => r[0] == "refund");
        Assert.Equal("-10.00", refund[7]);
        Assert.Contains("Item returned at the door (by fin-1", refund[9], StringComparison.Ordinal);
        Assert.Equal(["total", "2 orders"], rows[^1][..2]);
        Assert.Equal("140.50", rows[^1][8]);
    }

    [Fact]
    public async Task Running_a_week_again_changes_nothing_and_sends_no_second_message()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAsync(berlin, "ORD-1", 1000);
        world.Clock.SetUtcNow(Monday23Nov0600);
        var first = await world.Settlements.RunAsync("berlin", W47);
        var etags = await Task.WhenAll(ReportPaths.Formats.Select(async f => (await world.Blob(first.Document!.FilePath(f)).GetPropertiesAsync()).Value.ETag));
        var before = world.Clients.Counter.Count;

        world.Clock.Advance(TimeSpan.FromHours(3));
        var again = await world.Settlements.RunAsync("berlin", W47);

        Assert.Equal(RunOutcome.Created, first.Outcome);
        Assert.Equal(RunOutcome.AlreadyExists, again.Outcome);
        Assert.Equal(first.Document!.CreatedAt, again.Document!.CreatedAt);
        Assert.True(world.Clients.Counter.Count - before <= 2, "a rerun only reads the merchant and the statement");
        var after = await Task.WhenAll(ReportPaths.Formats.Select(async f => (await world.Blob(first.Document!.FilePath(f)).GetPropertiesAsync()).Value.ETag));
        Assert.Equal(etags, after);
        Assert.Single(await world.FinanceMessagesAsync());
    }

    [Fact]
    public async Task A_message_whose_send_failed_is_sent_by_a_later_run_even_when_the_first_retry_fails_too()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAsync(berlin, "ORD-1", 1000);
        world.Clock.SetUtcNow(Monday23Nov0600);
        world.Channel.Failing = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Settlements.RunAsync("berlin", W47));
        Assert.False((await world.Documents.GetAsync(FinanceDocumentKind.Settlement, "berlin", W47.Label))!.Notified);
        world.Clock.Advance(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Settlements.RunAsync("berlin", W47));
        Assert.False((await world.Documents.GetAsync(FinanceDocumentKind.Settlement, "berlin", W47.Label))!.Notified);

        world.Channel.Failing = false;
        world.Clock.Advance(TimeSpan.FromHours(1));
        var recovered = await world.Settlements.RunAsync("berlin", W47);
        var again = await world.Settlements.RunAsync("berlin", W47);

        Assert.Equal(2, world.Channel.FailedSends);
        Assert.Equal(RunOutcome.AlreadyExists, recovered.Outcome);
        Assert.Equal(RunOutcome.AlreadyExists, again.Outcome);
        var message = Assert.Single(await world.FinanceMessagesAsync());
        Assert.Equal("settlement/berlin/2026-W47", message.GetProperty("id").GetString());
        Assert.True((await world.Documents.GetAsync(FinanceDocumentKind.Settlement, "berlin", W47.Label))!.Notified);
    }

    [Fact]
    public async Task A_run_that_died_before_recording_its_statement_is_redone_with_byte_identical_files()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin", tariff: new Core.Merchants.Tariff(150, 250, 100, true));
        for (var i = 0; i < 25; i++)
        {
            await world.CollectAsync(berlin, $"ORD-{i:D3}", 1_000 + (i * 37));
            world.Clock.Advance(TimeSpan.FromMinutes(7));
        }

        await world.AdjustAsync(berlin, "c1", LedgerEntryKind.Correction, -120, "Counterfeit note");
        world.Clock.SetUtcNow(Monday23Nov0600);
        var first = await world.Settlements.RunAsync("berlin", W47);
        var original = await Task.WhenAll(ReportPaths.Formats.Select(f => world.FileAsync(first.Document!.FilePath(f))));

        // The crash: the statement row and the files are gone, the ledger's close stays.
        await world.Clients.Table(TableNames.FinanceDocuments).DeleteEntityAsync("berlin", "settlement~2026-W47");
        await world.Clients.Table(TableNames.FinanceDocuments).DeleteEntityAsync("berlin", "audit~settlement~2026-W47~000001");
        foreach (var format in ReportPaths.Formats)
        {
            await world.Blob(first.Document!.FilePath(format)).DeleteAsync();
        }

        world.Clock.Advance(TimeSpan.FromHours(5));
        var redo = await world.Settlements.RunAsync("berlin", W47);

        Assert.Equal(RunOutcome.Created, redo.Outcome);
        var again = await Task.WhenAll(ReportPaths.Formats.Select(f => world.FileAsync(first.Document!.FilePath(f))));
        for (var i = 0; i < original.Length; i++)
        {
            Assert.Equal(original[i], again[i]);
        }

        Assert.Equal(first.Document!.FileSha256, redo.Document!.FileSha256);
    }

    [Fact]
    public async Task Two_processes_settling_the_same_week_at_once_make_one_statement_and_one_message()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        for (var i = 0; i < 30; i++)
        {
            await world.CollectAsync(berlin, $"ORD-{i:D3}", 500 + i);
        }

        world.Clock.SetUtcNow(Monday23Nov0600);
        var other = world.Twin();
        var results = await Task.WhenAll(
            Task.Run(() => world.Settlements.RunAsync("berlin", W47)),
            Task.Run(() => other.Settlements.RunAsync("berlin", W47)));

        Assert.Single(results, r => r.Outcome == RunOutcome.Created);
        Assert.Single(results, r => r.Outcome == RunOutcome.AlreadyExists);
        Assert.Single(await world.Documents.ListAsync(FinanceDocumentKind.Settlement, "berlin", null, null, 10));
        Assert.Single(await world.FinanceMessagesAsync());
        Assert.Equal(30, OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W47.csv")).Count());
    }

    [Fact]
    public async Task A_week_not_yet_over_is_not_settled_and_one_already_covered_by_a_later_statement_is_refused()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        await world.CollectAsync(berlin, "ORD-1", 1000);

        Assert.Equal(RunOutcome.NotEnded, (await world.Settlements.RunAsync("berlin", W47)).Outcome);

        world.Clock.SetUtcNow(Monday23Nov0600.AddDays(7));
        var later = await world.Settlements.RunAsync("berlin", W47.Next); // W47 was never run: W48 takes its cash
        Assert.Equal(["ORD-1"], OrderIds(await world.CsvRowsAsync("settlements/berlin/2026-W48.csv")));
        Assert.Equal(RunOutcome.Created, later.Outcome);
        Assert.Equal(RunOutcome.Superseded, (await world.Settlements.RunAsync("berlin", W47)).Outcome);
        Assert.Equal(RunOutcome.NotEnded, (await world.Settlements.RunAsync("berlin", W47.Next.Next)).Outcome);
    }

    [Fact]
    public async Task Approving_and_paying_a_statement_posts_the_net_the_bank_receives_as_payout_and_the_fees_netted_beside_it()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin", tariff: new Core.Merchants.Tariff(100, 0, 0, true));
        await world.CollectAsync(berlin, "ORD-1", 10_000);
        await world.AdjustAsync(berlin, "r1", LedgerEntryKind.Refund, -2_000, "Returned");
        world.Clock.SetUtcNow(Monday23Nov0600);
        await world.Settlements.RunAsync("berlin", W47);
        await world.CollectAsync(berlin, "ORD-2", 7_000); // next week's cash stays open
        var payment = new SettlementPayment("SEPA-2026-4711", new DateOnly(2026, 11, 24));

        var early = await world.Actions.MarkPaidAsync("berlin", W47, payment, FinanceWorld.FinanceUser);
        var approved = await world.Actions.ApproveAsync("berlin", W47, FinanceWorld.FinanceUser);
        var paid = await world.Actions.MarkPaidAsync("berlin", W47, payment, FinanceWorld.FinanceUser);
        var retried = await world.Actions.MarkPaidAsync("berlin", W47, payment, FinanceWorld.FinanceUser);
        var other = await world.Actions.MarkPaidAsync("berlin", W47, payment with { BankReference = "OTHER" }, FinanceWorld.FinanceUser);

        Assert.Equal("state-forbids", early.Refusal?.Code);
        Assert.Equal(nameof(SettlementState.Approved), approved.Document!.State);
        Assert.Equal((nameof(SettlementState.Paid), "SEPA-2026-4711", "fin-1"), (paid.Document!.State, paid.Document.BankReference, paid.Document.PaidBy));
        Assert.Null(retried.Refusal);
        Assert.Equal("state-forbids", other.Refusal?.Code);
        var audit = await world.Documents.AuditAsync(FinanceDocumentKind.Settlement, "berlin", W47.Label);
        Assert.Equal(["created", "approved", "paid"], audit.Select(a => a.Action));
        var totals = paid.Document.Totals<SettlementTotals>();
        Assert.Equal((8_000L, 100L, 7_900L), (totals.Gross, totals.Fees, totals.NetToTransfer));
        var balance = await world.Ledger.BalanceAsync("berlin");
        Assert.Equal((17_000L, -2_000L), (balance.Collected, balance.Adjustments));
        Assert.Equal((7_900L, 100L, 8_000L), (balance.Transferred, balance.FeesNetted, balance.PaidOut)); // the bank got 79.00, not the gross
        Assert.Equal(7_000, balance.Open);
        Assert.Equal(balance.Owed, balance.PaidOut + balance.Open);
        var entries = await world.LedgerAsync("berlin");
        var payout = Assert.Single(entries, e => e.Kind == LedgerEntryKind.Payout);
        Assert.Equal((7_900L, "SEPA-2026-4711"), (payout.Amount, payout.Reference));
        var fees = Assert.Single(entries, e => e.Kind == LedgerEntryKind.FeesNetted);
        Assert.Equal((100L, payout.RecordedAt), (fees.Amount, fees.RecordedAt)); // one transaction
        Assert.Equal(balance, LedgerBalance.Fold(entries));
    }

    [Fact]
    public async Task A_statement_without_netted_fees_pays_out_its_gross_and_posts_no_fees_entry()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin", tariff: new Core.Merchants.Tariff(100, 0, 0, NetFeesFromSettlement: false));
        await world.CollectAsync(berlin, "ORD-1", 10_000);
        world.Clock.SetUtcNow(Monday23Nov0600);
        await world.Settlements.RunAsync("berlin", W47);
        await world.Actions.ApproveAsync("berlin", W47, FinanceWorld.FinanceUser);

        await world.Actions.MarkPaidAsync("berlin", W47, new SettlementPayment("SEPA-1", new DateOnly(2026, 11, 24)), FinanceWorld.FinanceUser);

        var entries = await world.LedgerAsync("berlin");
        Assert.Equal(10_000, Assert.Single(entries, e => e.Kind == LedgerEntryKind.Payout).Amount);
        Assert.DoesNotContain(entries, e => e.Kind == LedgerEntryKind.FeesNetted);
        Assert.Equal(0, (await world.Ledger.BalanceAsync("berlin")).Open);
    }

    [Fact]
    public async Task Concurrent_postings_to_one_merchant_are_all_kept_once_with_an_exact_running_balance()
    {
        var world = await FinanceWorld.CreateAsync(azurite, Utc(11, 18, 12, 0));
        var berlin = await world.MerchantAsync("berlin", "Europe/Berlin");
        var twin = world.Twin();
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => (i % 2 == 0 ? world : twin).CollectAsync(berlin, $"ORD-{i % 20:D2}", 100))));

        Assert.Equal(20, results.Count(r => r.Appended));
        var balance = await world.Ledger.BalanceAsync("berlin");
        Assert.Equal(2_000, balance.Collected);
        var count = 0;
        await foreach (var _ in world.Ledger.AllAsync("berlin"))
        {
            count++;
        }

        Assert.Equal(20, count);
    }
}
