using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Finance.Tests.Invoices;

[Collection(AzuriteCollection.Name)]
public sealed class MonthlyInvoiceTests(AzuriteFixture azurite)
{
    private static readonly BillingMonth November = new(2026, 11);

    [Fact]
    public async Task A_month_is_billed_per_delivered_order_at_the_tariff_with_midpoints_rounded_away_from_zero()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var tariff = new Tariff(150, 250, 100, NetFeesFromSettlement: true);
        var merchant = await world.MerchantAsync("west", "America/Bogota", tariff: tariff);
        await world.DeliverAsync(merchant, "ORD-PREPAID", value: 1_010, cash: 0, new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero));   // 25.25 → 25
        await world.DeliverAsync(merchant, "ORD-CASH", value: 1_050, cash: 1_050, new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)); // 26.25 → 26; 10.5 → 11
        await world.DeliverAsync(merchant, "ORD-HALF", value: 20, cash: 0, new DateTimeOffset(2026, 12, 1, 4, 30, 0, TimeSpan.Zero));        // 30 Nov 23:30 in Bogota: 0.5 → 1
        await world.DeliverAsync(merchant, "ORD-DECEMBER", value: 5_000, cash: 0, new DateTimeOffset(2026, 12, 1, 5, 30, 0, TimeSpan.Zero));  // 1 Dec 00:30 in Bogota
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

        var result = await world.Invoices.RunAsync("west", BillingMonth.LatestEnded(world.Clock.GetUtcNow(), MerchantCalendar.Zone("America/Bogota")));

        Assert.Equal((RunOutcome.Created, "2026-11"), (result.Outcome, result.Period));
        var totals = result.Document!.Totals<InvoiceTotals>();
        Assert.Equal(3, totals.Orders);
        Assert.Equal((450L, 25L + 26 + 1, 11L), (totals.FixedFees, totals.ValueFees, totals.CashFees));
        Assert.Equal(150 + 26 + 11, totals.NettedInSettlements);
        Assert.Equal(totals.Total - totals.NettedInSettlements, totals.Due);
        var rows = await world.CsvRowsAsync("invoices/west/2026-11.csv");
        Assert.Equal(["ORD-PREPAID", "ORD-CASH", "ORD-HALF"], rows.Where(r => r[0] == "order").Select(r => r[1]));
        Assert.Equal("0.01", rows.Single(r => r[1] == "ORD-HALF")[8]);
        Assert.Equal(("1.87", "0.00"), (rows.Single(r => r[1] == "ORD-CASH")[11], rows.Single(r => r[1] == "ORD-CASH")[12]));
        Assert.Equal((string.Empty, "1.75"), (rows.Single(r => r[1] == "ORD-PREPAID")[11], rows.Single(r => r[1] == "ORD-PREPAID")[12]));
        Assert.True(await world.Blob("invoices/west/2026-11.xlsx").ExistsAsync());
        Assert.True(await world.Blob("invoices/west/2026-11.pdf").ExistsAsync());
        Assert.Contains(await world.FinanceMessagesAsync(), m => m.GetProperty("kind").GetString() == "invoice");
    }

    [Fact]
    public async Task An_order_is_billed_once_however_often_its_delivery_is_reported_and_a_rerun_changes_nothing()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var merchant = await world.MerchantAsync("east", "Europe/Moscow", tariff: new Tariff(100, 0, 0));
        var at = new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);
        Assert.True((await world.DeliverAsync(merchant, "ORD-1", 1000, 1000, at)).Appended);
        Assert.False((await world.DeliverAsync(merchant, "ORD-1", 1000, 1000, at.AddMinutes(1))).Appended);
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

        var first = await world.Invoices.RunAsync("east", November);
        var again = await world.Invoices.RunAsync("east", November);

        Assert.Equal(1, first.Document!.Totals<InvoiceTotals>().Orders);
        Assert.Equal(RunOutcome.AlreadyExists, again.Outcome);
        Assert.Single(await world.FinanceMessagesAsync());
    }

    [Fact]
    public async Task An_invoice_whose_message_could_not_be_sent_is_announced_by_the_next_run()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var merchant = await world.MerchantAsync("east", "Europe/Moscow", tariff: new Tariff(100, 0, 0));
        await world.DeliverAsync(merchant, "ORD-1", 1000, 0, new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero));
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
        world.Channel.Failing = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Invoices.RunAsync("east", November));
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Invoices.RunAsync("east", November));

        world.Channel.Failing = false;
        await world.Invoices.RunAsync("east", November);
        await world.Invoices.RunAsync("east", November);

        var message = Assert.Single(await world.FinanceMessagesAsync());
        Assert.Equal("invoice/east/2026-11", message.GetProperty("id").GetString());
        Assert.True((await world.Documents.GetAsync(FinanceDocumentKind.Invoice, "east", "2026-11"))!.Notified);
    }

    [Fact]
    public async Task A_tariff_change_between_the_cash_posting_and_the_delivery_record_neither_loses_a_fee_nor_bills_it_twice()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var nets = new Tariff(100, 0, 100, NetFeesFromSettlement: true);
        var doesNot = nets with { NetFeesFromSettlement = false };
        var merchant = await world.MerchantAsync("berlin", "Europe/Berlin", tariff: nets);
        // ORD-1: the cash entry froze the netting tariff, then the tariff changed before the delivery was recorded.
        await world.DeliverAsync(merchant, "ORD-1", 5_000, 5_000, new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero), tariff: doesNot, cashTariff: nets);
        // ORD-2: the other way round.
        await world.DeliverAsync(merchant, "ORD-2", 5_000, 5_000, new DateTimeOffset(2026, 11, 5, 10, 0, 0, TimeSpan.Zero), tariff: nets, cashTariff: doesNot);
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 6, 0, 0, TimeSpan.Zero));
        var statement = (await world.Settlements.RunAsync("berlin", new SettlementWeek(2026, 45))).Document!.Totals<SettlementTotals>();
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

        var invoice = (await world.Invoices.RunAsync("berlin", November)).Document!.Totals<InvoiceTotals>();

        Assert.Equal(150, statement.Fees); // ORD-1 only: 1.00 + 1 % of 50.00
        Assert.Equal(statement.Fees, invoice.NettedInSettlements);
        Assert.Equal(300, invoice.Total);
        Assert.Equal(invoice.Total, statement.Fees + invoice.Due); // each fee once: kept by the statement or due
        var rows = await world.CsvRowsAsync("invoices/berlin/2026-11.csv");
        Assert.Equal(("1.50", "0.00"), (rows.Single(r => r[1] == "ORD-1")[11], rows.Single(r => r[1] == "ORD-1")[12]));
        Assert.Equal((string.Empty, "1.50"), (rows.Single(r => r[1] == "ORD-2")[11], rows.Single(r => r[1] == "ORD-2")[12]));
    }

    [Fact]
    public async Task A_month_whose_cash_is_not_in_the_ledger_yet_waits_and_the_next_month_does_not_close_over_it()
    {
        var world = await FinanceWorld.CreateAsync(azurite, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var tariff = new Tariff(100, 0, 0, NetFeesFromSettlement: true);
        var merchant = await world.MerchantAsync("east", "Europe/Moscow", tariff: tariff);
        var at = new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);
        await world.DeliverAsync(merchant, "ORD-1", 1_000, 1_000, at, postCash: false); // the cash posting is still in flight
        await world.DeliverAsync(merchant, "ORD-DEC", 1_000, 0, new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero));

        var waiting = await world.Invoices.RunAsync("east", November);
        var december = await world.Invoices.RunAsync("east", November.Next);

        Assert.Equal(RunOutcome.AwaitingCash, waiting.Outcome);
        Assert.Equal((RunOutcome.AwaitingCash, "2026-11"), (december.Outcome, december.Period));
        Assert.Empty(await world.Documents.ListAsync(FinanceDocumentKind.Invoice, "east", null, null, 10));
        Assert.False(await world.Blob("invoices/east/2026-11.csv").ExistsAsync());
        Assert.Empty(await world.FinanceMessagesAsync());
        Assert.Equal("2026-11", (await world.Delivered.FenceAsync("east")).LastPeriod);

        await world.PostCashAsync(merchant, "ORD-1", 1_000, 1_000, at, tariff);
        await world.MonthlyJob.RunAsync(world.Clock.GetUtcNow(), CancellationToken.None);

        var invoices = await world.Documents.ListAsync(FinanceDocumentKind.Invoice, "east", null, null, 10);
        Assert.Equal(["2026-11", "2026-12"], invoices.Select(i => i.Period));
        Assert.Equal((100L, 0L), (invoices[0].Totals<InvoiceTotals>().NettedInSettlements, invoices[0].Totals<InvoiceTotals>().Due));
        Assert.Equal(["ORD-DEC"], (await world.CsvRowsAsync("invoices/east/2026-12.csv")).Where(r => r[0] == "order").Select(r => r[1]));
    }
}
