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
        Assert.Equal("in settlement", rows.Single(r => r[1] == "ORD-CASH")[11]);
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
}
