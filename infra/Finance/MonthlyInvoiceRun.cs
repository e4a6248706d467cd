using System.Globalization;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance.Reports;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Invoices one merchant's month: the fee for every order delivered (recorded) since the previous invoice closed, at
/// the tariff in force at delivery, one report line per order. What a settlement already kept of a fee is read from
/// the order's cash ledger entry (the fee it nets, from the tariff frozen on it), the very fact the statement line
/// uses, so no fee is lost or billed twice when the tariff changed in between. Same guarantees as <see cref="SettlementRun"/>.
/// </summary>
public sealed class MonthlyInvoiceRun(
    MerchantStore merchants,
    DeliveredOrders delivered,
    CashLedger ledger,
    FinanceDocumentStore documents,
    ReportStorage storage,
    FinanceNotifier notifier,
    FinanceOptions options,
    TimeProvider clock,
    ILogger<MonthlyInvoiceRun> logger)
{
    public const string Issued = "Issued";

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("type", "Type", ReportValue.Text, 8),
        new("order_id", "Order", ReportValue.Text, 21), // wide enough for the totals' "kept from settlements"
        new("external_order_id", "External order", ReportValue.Text, 16),
        new("delivered_at", "Delivered at", ReportValue.Text, 23),
        new("payment", "Payment", ReportValue.Text, 8),
        new("delivered_value", "Delivered value", ReportValue.Money, 13),
        new("cash_handled", "Cash handled", ReportValue.Money, 12),
        new("fixed_fee", "Fixed fee", ReportValue.Money, 10),
        new("value_fee", "Value fee", ReportValue.Money, 10),
        new("cash_fee", "Cash fee", ReportValue.Money, 10),
        new("fee_total", "Fee", ReportValue.Money, 11),
        new("netted", "Netted", ReportValue.Money, 11),
        new("due", "Due", ReportValue.Money, 11),
    ];

    /// <summary>Cash orders whose ledger entries are read at once (point reads), keeping the report in recording order.</summary>
    private const int LookupBatch = 50;

    public async Task<RunResult> RunAsync(string merchantId, BillingMonth month, CancellationToken ct = default)
    {
        var merchant = await merchants.FindAsync(merchantId, ct).ConfigureAwait(false);
        if (merchant is null)
        {
            return new RunResult(merchantId, month.Label, RunOutcome.UnknownMerchant);
        }

        var existing = await documents.GetAsync(FinanceDocumentKind.Invoice, merchantId, month.Label, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!existing.Notified)
            {
                // Send first, then mark: a send that fails leaves the invoice unnotified, so the next run sends again.
                await notifier.SendAsync(existing, TotalsView(existing.Totals<InvoiceTotals>()), ct).ConfigureAwait(false);
                await documents.MarkNotifiedAsync(existing, ct).ConfigureAwait(false);
            }

            return new RunResult(merchantId, month.Label, RunOutcome.AlreadyExists, existing);
        }

        var zone = MerchantCalendar.Zone(merchant.TimeZone);
        var (_, end) = month.Bounds(zone);
        if (end > clock.GetUtcNow())
        {
            return new RunResult(merchantId, month.Label, RunOutcome.NotEnded);
        }

        var fence = await delivered.FenceAsync(merchantId, ct).ConfigureAwait(false);
        if (fence.LastPeriod is { } last && string.CompareOrdinal(last, month.Label) < 0 && BillingMonth.TryParse(last, out var lastMonth)
            && await documents.GetAsync(FinanceDocumentKind.Invoice, merchantId, last, ct).ConfigureAwait(false) is null)
        {
            logger.LogWarning("Invoice {MerchantId} {Month} was closed but never recorded; finishing it first", merchantId, last);
            var earlier = await BuildAsync(merchant, zone, lastMonth, new ClosedPeriod(last, fence.LastPeriodFromTicks, fence.ClosedThroughTicks, true), ct).ConfigureAwait(false);
            if (earlier.Outcome == RunOutcome.AwaitingCash)
            {
                // Closing this month now would forget the earlier month's range: it has to be issued first.
                return earlier;
            }
        }

        var closed = await delivered.CloseAsync(merchantId, month.Label, end, ct).ConfigureAwait(false);
        return closed is null
            ? new RunResult(merchantId, month.Label, RunOutcome.Superseded)
            : await BuildAsync(merchant, zone, month, closed, ct).ConfigureAwait(false);
    }

    private async Task<RunResult> BuildAsync(Merchant merchant, TimeZoneInfo zone, BillingMonth month, ClosedPeriod closed, CancellationToken ct)
    {
        var (start, end) = month.Bounds(zone);
        var t = merchant.Tariff;
        var heading = new ReportHeading(
            $"Fee invoice {month.Label}: {merchant.Name}",
            [
                new("Merchant", $"{merchant.Name} ({merchant.MerchantId})"),
                new("Month", $"{month.Label}: {CellText.LocalTime(start, zone)} to {CellText.LocalTime(end, zone)} ({merchant.TimeZone})"),
                new("Currency", merchant.Currency),
                new("Tariff now", string.Create(CultureInfo.InvariantCulture,
                    $"{MoneyText.Format(t.FixedPerDeliveredOrder, merchant.Currency)} per delivered order + {t.DeliveredValueBasisPoints / 100m:0.##}% of delivered value + {t.CashHandledBasisPoints / 100m:0.##}% of cash handled")),
                new("Billing", "delivered orders only, at the tariff in force at delivery; each percentage rounded per order, halves away from zero"),
                new("Netted", "the fee a settlement statement already kept for the order, as its cash ledger entry nets it; due = fee - netted"),
            ],
            merchant.Currency,
            Columns);

        using var report = new ReportSet(heading, options.PdfLineLimit);
        var tally = new InvoiceTally();
        var batch = new List<DeliveredOrder>(LookupBatch);
        var awaiting = new List<string>();
        await foreach (var order in delivered.ReadAsync(merchant.MerchantId, closed.FromTicks, closed.ToTicks, ct).ConfigureAwait(false))
        {
            batch.Add(order);
            if (batch.Count == LookupBatch)
            {
                await BillAsync(batch).ConfigureAwait(false);
            }
        }

        await BillAsync(batch).ConfigureAwait(false);
        if (awaiting.Count > 0)
        {
            // Billing these now could bill a fee their settlement nets later (or miss one it nets): wait for the ledger.
            logger.LogWarning("Invoice {MerchantId} {Month}: cash of {Count} delivered orders is not in the ledger yet (first {OrderId}); not issued",
                merchant.MerchantId, month.Label, awaiting.Count, awaiting[0]);
            return new RunResult(merchant.MerchantId, month.Label, RunOutcome.AwaitingCash);
        }

        var totals = tally.Totals;
        if (totals.Orders == 0)
        {
            return new RunResult(merchant.MerchantId, month.Label, RunOutcome.NothingToDo);
        }

        report.Row(ReportRowKind.Total, "total", $"{totals.Orders} orders", null, null, null, totals.DeliveredValue, totals.CashHandled, totals.FixedFees,
            totals.ValueFees, totals.CashFees, totals.Total, totals.NettedInSettlements, totals.Due);
        report.Row(ReportRowKind.Total, "netted", "kept from settlements", null, null, null, null, null, null, null, null, -totals.NettedInSettlements, null, null);
        report.Row(ReportRowKind.Total, "due", "to pay", null, null, null, null, null, null, null, null, totals.Due, null, null);
        var files = report.Complete();
        foreach (var file in files)
        {
            await storage.UploadAsync(ReportPaths.For(FinanceDocumentKind.Invoice, merchant.MerchantId, month.Label, file.Format), file, ct).ConfigureAwait(false);
        }

        var now = clock.GetUtcNow();
        var document = new FinanceDocument(FinanceDocumentKind.Invoice, merchant.MerchantId, month.Label, merchant.Currency, merchant.TimeZone, start, end,
            closed.FromTicks, closed.ToTicks, Json.Serialize(totals), Issued, now, files.ToDictionary(f => f.Format, f => f.Sha256, StringComparer.Ordinal));
        if (!await documents.CreateAsync(document, FinanceDocumentStore.Audit("issued", null, Issued, Core.Common.Actor.System("monthly-invoice"), now,
            $"{totals.Orders} orders, due {MoneyText.WithCurrency(totals.Due, merchant.Currency)}"), ct).ConfigureAwait(false))
        {
            return new RunResult(merchant.MerchantId, month.Label, RunOutcome.AlreadyExists,
                await documents.GetAsync(FinanceDocumentKind.Invoice, merchant.MerchantId, month.Label, ct).ConfigureAwait(false));
        }

        await notifier.SendAsync(document, TotalsView(totals), ct).ConfigureAwait(false);
        await documents.MarkNotifiedAsync(document, ct).ConfigureAwait(false);
        logger.LogInformation("Invoice {MerchantId} {Month}: {Orders} orders, due {Due} (minor units)", merchant.MerchantId, month.Label, totals.Orders, totals.Due);
        return new RunResult(merchant.MerchantId, month.Label, RunOutcome.Created, document with { Notified = true });

        async Task BillAsync(List<DeliveredOrder> orders)
        {
            var netted = await Task.WhenAll(orders.Select(o => NettedInSettlementAsync(o, ct))).ConfigureAwait(false);
            for (var i = 0; i < orders.Count; i++)
            {
                var order = orders[i];
                if (netted[i] is not { } fee)
                {
                    awaiting.Add(order.OrderId);
                    continue;
                }

                var line = tally.Add(order, fee);
                report.Row(ReportRowKind.Line, "order", order.OrderId, order.ExternalOrderId, CellText.LocalTime(order.DeliveredAt, zone),
                    order.CashOnDelivery ? "cash" : "prepaid", order.DeliveredValue, order.CashCollected, line.Fee.Fixed, line.Fee.OnDeliveredValue,
                    line.Fee.OnCashHandled, line.Fee.Total, line.NettedInSettlement ? line.Netted : null, line.Due);
            }

            orders.Clear();
        }
    }

    /// <summary>The fee the order's settlement nets: 0 without cash; null while its cash collection is not in the ledger.</summary>
    private async Task<long?> NettedInSettlementAsync(DeliveredOrder order, CancellationToken ct) =>
        order.CashCollected <= 0 ? 0
        : await ledger.CollectedAsync(order.MerchantId, order.OrderId, ct).ConfigureAwait(false) is { } entry ? entry.NettedFee
        : null;

    public static object TotalsView(InvoiceTotals t) => new
    {
        t.Orders, t.DeliveredValue, t.CashHandled, t.FixedFees, t.ValueFees, t.CashFees, t.Total, t.NettedInSettlements, t.Due,
    };
}
