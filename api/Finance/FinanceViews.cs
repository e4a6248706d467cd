using Backoffice.Core.Finance;
using Backoffice.Infra.Finance;

namespace Backoffice.Api.Finance;

public sealed record FinanceFileLinks(string Csv, string Xlsx, string Pdf);

/// <summary>A statement or invoice as the API shows it.</summary>
public sealed record FinanceDocumentView(
    string Kind,
    string MerchantId,
    string Period,
    string Currency,
    string TimeZone,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    string State,
    DateTimeOffset CreatedAt,
    object Totals,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? PaidBy,
    DateTimeOffset? PaidAt,
    string? BankReference,
    DateOnly? PaidOn,
    FinanceFileLinks Files,
    IReadOnlyDictionary<string, string> Sha256,
    IReadOnlyList<FinanceAudit>? Audit = null)
{
    public static FinanceDocumentView Of(FinanceDocument d, IReadOnlyList<FinanceAudit>? audit = null)
    {
        var collection = d.Kind == FinanceDocumentKind.Settlement ? "settlements" : "invoices";
        var files = $"/api/finance/merchants/{d.MerchantId}/{collection}/{d.Period}/files/";
        object totals = d.Kind == FinanceDocumentKind.Settlement
            ? SettlementTotalsView.Of(d.Totals<SettlementTotals>())
            : InvoiceTotalsView.Of(d.Totals<InvoiceTotals>());
        return new FinanceDocumentView(d.Kind.ToString().ToLowerInvariant(), d.MerchantId, d.Period, d.Currency, d.TimeZone, d.PeriodStart, d.PeriodEnd, d.State,
            d.CreatedAt, totals, d.ApprovedBy, d.ApprovedAt, d.PaidBy, d.PaidAt, d.BankReference, d.PaidOn,
            new FinanceFileLinks(files + "csv", files + "xlsx", files + "pdf"), d.FileSha256, audit);
    }
}

/// <summary>A weekly statement's totals, in minor units: the cash collected and what is transferred after fees and adjustments.</summary>
public sealed record SettlementTotalsView(int Orders, long CashCollected, long Fees, long Adjustments, int AdjustmentCount, int LateOrders, long Gross, long NetToTransfer)
{
    public static SettlementTotalsView Of(SettlementTotals t) =>
        new(t.Orders, t.CashCollected, t.Fees, t.Adjustments, t.AdjustmentCount, t.LateOrders, t.Gross, t.NetToTransfer);
}

/// <summary>A monthly invoice's totals, in minor units: the fees, what settlements already netted, and what is still due.</summary>
public sealed record InvoiceTotalsView(
    int Orders, long DeliveredValue, long CashHandled, long FixedFees, long ValueFees, long CashFees, long Total, long NettedInSettlements, long Due)
{
    public static InvoiceTotalsView Of(InvoiceTotals t) =>
        new(t.Orders, t.DeliveredValue, t.CashHandled, t.FixedFees, t.ValueFees, t.CashFees, t.Total, t.NettedInSettlements, t.Due);
}

public sealed record RunRequest(string? Week, string? Month, string? MerchantId);

public sealed record RunResultView(string MerchantId, string Period, string Outcome, FinanceDocumentView? Document);

public sealed record PaymentRequest(string? BankReference, DateOnly? PaidOn);

public sealed record AdjustmentRequest(string? Kind, string? OrderId, long? Amount, string? Reason, string? RequestId);

/// <summary>
/// A merchant's cash balance: owed = paid out + open, where paid out = transferred (what the merchant's bank received)
/// + fees netted (kept from the cash by paid statements).
/// </summary>
public sealed record LedgerView(
    string MerchantId, long Collected, long Adjustments, long Owed, long Transferred, long FeesNetted, long PaidOut, long Open, long HandedOver, long WithCouriers)
{
    public static LedgerView Of(string merchantId, LedgerBalance b) =>
        new(merchantId, b.Collected, b.Adjustments, b.Owed, b.Transferred, b.FeesNetted, b.PaidOut, b.Open, b.HandedOver, b.WithCouriers);
}
