using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Xunit;

namespace Backoffice.Finance.Tests.Fees;

public sealed class FeeRoundingTests
{
    [Theory]
    [InlineData(50, 100, 1)]      // 0.5 → 1 (banker's rounding would give 0)
    [InlineData(150, 100, 2)]     // 1.5 → 2
    [InlineData(250, 100, 3)]     // 2.5 → 3 (banker's rounding would give 2)
    [InlineData(249, 100, 2)]     // 2.49 → 2
    [InlineData(251, 100, 3)]     // 2.51 → 3
    [InlineData(-250, 100, -3)]   // −2.5 → −3: away from zero, not up
    [InlineData(-249, 100, -2)]
    [InlineData(0, 250, 0)]
    [InlineData(19_999, 250, 500)] // 499.975 → 500
    [InlineData(1, 5_000, 1)]     // 0.5 → 1
    [InlineData(1, 4_999, 0)]     // 0.4999 → 0
    public void Percentage_fees_round_half_away_from_zero(long amount, int basisPoints, long expected) =>
        Assert.Equal(expected, Backoffice.Core.Finance.Fees.BasisPoints(amount, basisPoints));

    [Fact]
    public void Rounding_does_not_overflow_on_the_largest_amounts()
    {
        Assert.Equal(long.MaxValue, Backoffice.Core.Finance.Fees.BasisPoints(long.MaxValue, 10_000));
        Assert.Equal(4_611_686_018_427_387_904, Backoffice.Core.Finance.Fees.BasisPoints(long.MaxValue, 5_000)); // …903.5 → …904
    }

    [Fact]
    public void A_tariff_fee_is_the_fixed_part_plus_each_percentage_rounded_on_its_own()
    {
        var fee = Backoffice.Core.Finance.Fees.For(new Tariff(150, 250, 100), deliveredValue: 1_010, cashCollected: 1_050);
        Assert.Equal(150, fee.Fixed);
        Assert.Equal(25, fee.OnDeliveredValue); // 25.25 → 25
        Assert.Equal(11, fee.OnCashHandled);    // 10.5 → 11
        Assert.Equal(186, fee.Total);
    }

    [Fact]
    public void An_invoice_total_is_the_sum_of_its_rounded_lines_not_the_rounded_sum()
    {
        // Three orders of 50 at 1 %: each line is 0.5 → 1, so the invoice is 3 (rounding the sum, 1.5, would give 2).
        var tally = new InvoiceTally();
        var tariff = new Tariff(0, 100, 0);
        for (var i = 0; i < 3; i++)
        {
            tally.Add(new DeliveredOrder("m", $"ORD-{i}", $"e{i}", DateTimeOffset.UnixEpoch, false, 50, 0, "EUR", tariff), nettedInSettlement: 0);
        }

        Assert.Equal(3, tally.Totals.Total);
        Assert.Equal(3, tally.Totals.Due);
    }

    [Fact]
    public void Fees_on_cash_orders_are_netted_as_their_ledger_entry_nets_them_and_prepaid_fees_stay_due()
    {
        var tally = new InvoiceTally();
        var tariff = new Tariff(100, 0, 0, NetFeesFromSettlement: true);
        var collected = Collected("ORD-1", 1000, tariff);
        var cash = tally.Add(new DeliveredOrder("m", "ORD-1", "e1", DateTimeOffset.UnixEpoch, true, 1000, 1000, "EUR", tariff), collected.NettedFee);
        var prepaid = tally.Add(new DeliveredOrder("m", "ORD-2", "e2", DateTimeOffset.UnixEpoch, false, 1000, 0, "EUR", tariff), 0);
        Assert.True(cash.NettedInSettlement);
        Assert.Equal((100L, 0L), (cash.Netted, cash.Due));
        Assert.False(prepaid.NettedInSettlement);
        Assert.Equal(200, tally.Totals.Total);
        Assert.Equal(100, tally.Totals.NettedInSettlements);
        Assert.Equal(100, tally.Totals.Due);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Whatever_the_invoices_tariff_copy_says_a_fee_is_kept_by_the_settlement_or_due_never_both_nor_neither(bool ledgerNets, bool invoiceNets)
    {
        // The cash entry froze one tariff, the delivered-order row another (the tariff changed between the two postings).
        var atCash = new Tariff(100, 0, 50, ledgerNets);
        var atDelivery = new Tariff(100, 0, 50, invoiceNets);
        var entry = Collected("ORD-1", 2_000, atCash);
        var statement = new SettlementTally(DateTimeOffset.UnixEpoch);
        var statementLine = statement.Add(entry)!;
        var invoice = new InvoiceTally();

        var line = invoice.Add(new DeliveredOrder("m", "ORD-1", "e1", DateTimeOffset.UnixEpoch, true, 2_000, 2_000, "EUR", atDelivery), entry.NettedFee);

        Assert.Equal(statementLine.Fee, line.Netted);
        Assert.Equal(line.Fee.Total, statement.Totals.Fees + invoice.Totals.Due);
        Assert.Equal(ledgerNets ? 110 : 0, statement.Totals.Fees);
    }

    private static LedgerEntry Collected(string orderId, long amount, Tariff tariff) =>
        new("m", $"order~{orderId}~Collected", LedgerEntryKind.CashCollected, amount, "EUR", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            orderId, "e", "k", amount, tariff);

    [Theory]
    [InlineData(12345, "EUR", "123.45")]
    [InlineData(-5, "EUR", "-0.05")]
    [InlineData(12345, "JPY", "12345")]
    [InlineData(12345, "KWD", "12.345")]
    public void Amounts_print_in_the_currencys_minor_unit_exponent(long minor, string currency, string expected) =>
        Assert.Equal(expected, MoneyText.Format(minor, currency));
}
