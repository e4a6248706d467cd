using System.Text.Json;
using Backoffice.Contracts;
using Backoffice.Contracts.Finance;
using Backoffice.Core.Finance;
using Backoffice.Infra.Finance;

namespace Backoffice.Api.Finance;

/// <summary>Statements, invoices and the ledger balance as the contract shows them.</summary>
internal static class FinanceViews
{
    public static FinanceDocumentView Document(FinanceDocument d, IReadOnlyList<FinanceAudit>? audit = null)
    {
        var collection = d.Kind == FinanceDocumentKind.Settlement ? "settlements" : "invoices";
        var files = $"/api/finance/merchants/{d.MerchantId}/{collection}/{d.Period}/files/";
        var totals = d.Kind == FinanceDocumentKind.Settlement
            ? JsonSerializer.SerializeToElement(Settlement(d.Totals<SettlementTotals>()), WireJson.Options)
            : JsonSerializer.SerializeToElement(Invoice(d.Totals<InvoiceTotals>()), WireJson.Options);
        return new FinanceDocumentView(d.Kind.ToString().ToLowerInvariant(), d.MerchantId, d.Period, d.Currency, d.TimeZone, d.PeriodStart, d.PeriodEnd, d.State,
            d.CreatedAt, totals, d.ApprovedBy, d.ApprovedAt, d.PaidBy, d.PaidAt, d.BankReference, d.PaidOn,
            new FinanceFileLinks(files + "csv", files + "xlsx", files + "pdf"), d.FileSha256,
            audit?.Select(a => new FinanceAuditView(a.Action, a.FromState, a.ToState, a.UserId, a.Role, a.At, a.Detail)).ToArray());
    }

    public static RunResultView Run(RunResult result) =>
        new(result.MerchantId, result.Period, result.Outcome.ToString(), result.Document is { } d ? Document(d) : null);

    public static LedgerView Ledger(string merchantId, LedgerBalance b) =>
        new(merchantId, b.Collected, b.Adjustments, b.Owed, b.Transferred, b.FeesNetted, b.PaidOut, b.Open, b.HandedOver, b.WithCouriers);

    private static SettlementTotalsView Settlement(SettlementTotals t) =>
        new(t.Orders, t.CashCollected, t.Fees, t.Adjustments, t.AdjustmentCount, t.LateOrders, t.Gross, t.NetToTransfer);

    private static InvoiceTotalsView Invoice(InvoiceTotals t) =>
        new(t.Orders, t.DeliveredValue, t.CashHandled, t.FixedFees, t.ValueFees, t.CashFees, t.Total, t.NettedInSettlements, t.Due);
}
