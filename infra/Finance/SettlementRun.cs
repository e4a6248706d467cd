using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Finance.Reports;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Settles one merchant's week: closes the ledger at the end of the ISO week (merchant's time zone), reads what was
/// recorded since the previous statement closed, writes the CSV, XLSX and PDF in one streaming pass, records the
/// statement (Draft) and tells finance. Running it again changes nothing; two runs at once make one statement (the
/// close is idempotent, the files are deterministic and written only if absent, the statement row is an Add, and only
/// the run whose Add won sends the message; a message a failed send missed is sent by the next run, and consumers
/// dedupe on its id).
/// </summary>
public sealed class SettlementRun(
    MerchantStore merchants,
    CashLedger ledger,
    FinanceDocumentStore documents,
    ReportStorage storage,
    FinanceNotifier notifier,
    FinanceOptions options,
    TimeProvider clock,
    ILogger<SettlementRun> logger)
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("type", "Type", ReportValue.Text, 10),
        new("order_id", "Order", ReportValue.Text, 16),
        new("external_order_id", "External order", ReportValue.Text, 18),
        new("delivered_at", "Delivered at", ReportValue.Text, 23),
        new("courier", "Courier", ReportValue.Text, 12),
        new("cash_collected", "Cash collected", ReportValue.Money, 14),
        new("fee", "Fee", ReportValue.Money, 10),
        new("adjustment", "Adjustment", ReportValue.Money, 11),
        new("net_to_transfer", "Net", ReportValue.Money, 14),
        new("note", "Note", ReportValue.Text, 34),
    ];

    public async Task<RunResult> RunAsync(string merchantId, SettlementWeek week, CancellationToken ct = default)
    {
        var merchant = await merchants.FindAsync(merchantId, ct).ConfigureAwait(false);
        if (merchant is null)
        {
            return new RunResult(merchantId, week.Label, RunOutcome.UnknownMerchant);
        }

        var existing = await documents.GetAsync(FinanceDocumentKind.Settlement, merchantId, week.Label, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            await NotifyIfMissedAsync(existing, ct).ConfigureAwait(false);
            return new RunResult(merchantId, week.Label, RunOutcome.AlreadyExists, existing);
        }

        var zone = MerchantCalendar.Zone(merchant.TimeZone);
        var (_, end) = week.Bounds(zone);
        if (end > clock.GetUtcNow())
        {
            return new RunResult(merchantId, week.Label, RunOutcome.NotEnded);
        }

        await RecoverUnfinishedAsync(merchant, zone, week, ct).ConfigureAwait(false);
        var closed = await ledger.CloseAsync(merchantId, week.Label, end, ct).ConfigureAwait(false);
        if (closed is null)
        {
            return new RunResult(merchantId, week.Label, RunOutcome.Superseded);
        }

        return await BuildAsync(merchant, zone, week, closed, ct).ConfigureAwait(false);
    }

    /// <summary>A run that closed a week and died before recording its statement left that range to finish first.</summary>
    private async Task RecoverUnfinishedAsync(Merchant merchant, TimeZoneInfo zone, SettlementWeek week, CancellationToken ct)
    {
        var fence = await ledger.FenceAsync(merchant.MerchantId, ct).ConfigureAwait(false);
        if (fence.LastPeriod is { } last && string.CompareOrdinal(last, week.Label) < 0 && SettlementWeek.TryParse(last, out var lastWeek)
            && await documents.GetAsync(FinanceDocumentKind.Settlement, merchant.MerchantId, last, ct).ConfigureAwait(false) is null)
        {
            logger.LogWarning("Settlement {MerchantId} {Week} was closed but never recorded; finishing it first", merchant.MerchantId, last);
            await BuildAsync(merchant, zone, lastWeek, new ClosedPeriod(last, fence.LastPeriodFromTicks, fence.ClosedThroughTicks, true), ct).ConfigureAwait(false);
        }
    }

    private async Task<RunResult> BuildAsync(Merchant merchant, TimeZoneInfo zone, SettlementWeek week, ClosedPeriod closed, CancellationToken ct)
    {
        var (start, end) = week.Bounds(zone);
        var heading = new ReportHeading(
            $"Cash settlement {week.Label}: {merchant.Name}",
            [
                new("Merchant", $"{merchant.Name} ({merchant.MerchantId})"),
                new("Week", $"{week.Label}: {CellText.LocalTime(start, zone)} to {CellText.LocalTime(end, zone)} ({merchant.TimeZone})"),
                new("Cash recorded", $"{Instant(closed.FromTicks)} to {Instant(closed.ToTicks)} (UTC)"),
                new("Currency", merchant.Currency),
                new("Amounts", "cash collected per order; fee netted only where the tariff nets fees; net = cash - fee + adjustments"),
            ],
            merchant.Currency,
            Columns);

        using var report = new ReportSet(heading, options.PdfLineLimit);
        var tally = new SettlementTally(start);
        await foreach (var entry in ledger.ReadAsync(merchant.MerchantId, closed.FromTicks, closed.ToTicks, ct).ConfigureAwait(false))
        {
            if (tally.Add(entry) is { } line)
            {
                report.Row(ReportRowKind.Line, "order", line.OrderId, line.ExternalOrderId, CellText.LocalTime(line.DeliveredAt, zone), line.CourierId,
                    line.CashCollected, line.Fee, null, line.Net, line.Late ? $"late: delivered in {SettlementWeek.Containing(line.DeliveredAt, zone).Label}" : null);
            }
        }

        var totals = tally.Totals;
        if (totals.IsEmpty)
        {
            logger.LogInformation("Settlement {MerchantId} {Week}: nothing recorded", merchant.MerchantId, week.Label);
            return new RunResult(merchant.MerchantId, week.Label, RunOutcome.NothingToDo);
        }

        foreach (var a in tally.Adjustments)
        {
            report.Row(ReportRowKind.Adjustment, a.Kind.ToString().ToLowerInvariant(), a.OrderId, null, null, null, null, null, a.Amount, a.Amount,
                $"{a.Reason} (by {a.By}, {CellText.LocalTime(a.RecordedAt, zone)})");
        }

        report.Row(ReportRowKind.Total, "total", $"{totals.Orders} orders", null, null, null, totals.CashCollected, totals.Fees, totals.Adjustments, totals.NetToTransfer,
            totals.LateOrders > 0 ? $"{totals.LateOrders} late; {totals.AdjustmentCount} adjustments" : $"{totals.AdjustmentCount} adjustments");
        var files = report.Complete();
        foreach (var file in files)
        {
            await storage.UploadAsync(ReportPaths.For(FinanceDocumentKind.Settlement, merchant.MerchantId, week.Label, file.Format), file, ct).ConfigureAwait(false);
        }

        var now = clock.GetUtcNow();
        var document = new FinanceDocument(FinanceDocumentKind.Settlement, merchant.MerchantId, week.Label, merchant.Currency, merchant.TimeZone, start, end,
            closed.FromTicks, closed.ToTicks, Json.Serialize(totals), nameof(SettlementState.Draft), now,
            files.ToDictionary(f => f.Format, f => f.Sha256, StringComparer.Ordinal));
        var system = Core.Common.Actor.System("weekly-settlement");
        if (!await documents.CreateAsync(document, FinanceDocumentStore.Audit("created", null, nameof(SettlementState.Draft), system, now,
            $"{totals.Orders} orders, net {MoneyText.WithCurrency(totals.NetToTransfer, merchant.Currency)}"), ct).ConfigureAwait(false))
        {
            // A concurrent run recorded it first; it sends the message.
            return new RunResult(merchant.MerchantId, week.Label, RunOutcome.AlreadyExists,
                await documents.GetAsync(FinanceDocumentKind.Settlement, merchant.MerchantId, week.Label, ct).ConfigureAwait(false));
        }

        await notifier.SendAsync(document, TotalsView(totals), ct).ConfigureAwait(false);
        await documents.MarkNotifiedAsync(document, ct).ConfigureAwait(false);
        logger.LogInformation("Settlement {MerchantId} {Week}: {Orders} orders, net {Net} (minor units)", merchant.MerchantId, week.Label, totals.Orders, totals.NetToTransfer);
        return new RunResult(merchant.MerchantId, week.Label, RunOutcome.Created, document with { Notified = true });
    }

    private async Task NotifyIfMissedAsync(FinanceDocument document, CancellationToken ct)
    {
        if (!document.Notified)
        {
            // Send first, then mark: a send that fails leaves the statement unnotified, so the next run sends again.
            await notifier.SendAsync(document, TotalsView(document.Totals<SettlementTotals>()), ct).ConfigureAwait(false);
            await documents.MarkNotifiedAsync(document, ct).ConfigureAwait(false);
        }
    }

    public static object TotalsView(SettlementTotals t) => new
    {
        t.Orders, t.CashCollected, t.Fees, t.Adjustments, t.AdjustmentCount, t.LateOrders, t.Gross, t.NetToTransfer,
    };

    private static string Instant(long ticks) => ticks == 0 ? "the first entry" : new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
