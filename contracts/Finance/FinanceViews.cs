using System.Text.Json;

namespace Backoffice.Contracts.Finance;

/// <summary>Where a document's files are: the same report as csv, xlsx and pdf.</summary>
public sealed record FinanceFileLinks(string Csv, string Xlsx, string Pdf);

/// <summary>
/// A weekly statement (<c>kind</c> settlement, <c>period</c> an ISO week) or a monthly fee invoice (invoice, a month),
/// with its state (Draft, Approved, Paid for statements), who moved it when, its file links and their SHA-256.
/// <see cref="Totals"/> has one shape per kind (<see cref="SettlementTotalsView"/>, <see cref="InvoiceTotalsView"/>),
/// hence JSON here; the schema names both. <see cref="Audit"/> comes with the single-document read.
/// </summary>
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
    JsonElement Totals,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? PaidBy,
    DateTimeOffset? PaidAt,
    string? BankReference,
    DateOnly? PaidOn,
    FinanceFileLinks Files,
    IReadOnlyDictionary<string, string> Sha256,
    IReadOnlyList<FinanceAuditView>? Audit = null);

/// <summary>One step of a document's audit trail: the action, the states it moved between, who, when, and any detail.</summary>
public sealed record FinanceAuditView(string Action, string? FromState, string ToState, string UserId, string Role, DateTimeOffset At, string? Detail);

/// <summary>A weekly statement's totals, in minor units: the cash collected and what is transferred after fees and adjustments.</summary>
public sealed record SettlementTotalsView(int Orders, long CashCollected, long Fees, long Adjustments, int AdjustmentCount, int LateOrders, long Gross, long NetToTransfer);

/// <summary>A monthly invoice's totals, in minor units: the fees, what settlements already netted, and what is still due.</summary>
public sealed record InvoiceTotalsView(
    int Orders, long DeliveredValue, long CashHandled, long FixedFees, long ValueFees, long CashFees, long Total, long NettedInSettlements, long Due);

/// <summary>What a run did for one merchant (<c>Created</c>, <c>AlreadyExists</c>, <c>NotEnded</c>...), with the document when there is one.</summary>
public sealed record RunResultView(string MerchantId, string Period, string Outcome, FinanceDocumentView? Document);

/// <summary>
/// A merchant's cash balance, in minor units: owed = paid out + open, where paid out = transferred (what the merchant's
/// bank received) + fees netted (kept from the cash by paid statements); and the cash still with couriers.
/// </summary>
public sealed record LedgerView(
    string MerchantId, long Collected, long Adjustments, long Owed, long Transferred, long FeesNetted, long PaidOut, long Open, long HandedOver, long WithCouriers);
