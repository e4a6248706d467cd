using Backoffice.Core.Common;
using Backoffice.Core.Merchants;

namespace Backoffice.Core.Finance;

/// <summary>What a ledger entry records. Entries are never edited: a correction is a new entry.</summary>
public enum LedgerEntryKind
{
    /// <summary>A courier collected cash for a delivered order (positive).</summary>
    CashCollected,

    /// <summary>The courier handed the cash over to us (positive); moves cash from the courier's hands to ours, not the merchant's balance.</summary>
    CashHandedOver,

    /// <summary>Finance corrects an earlier amount (either sign), with a reason.</summary>
    Correction,

    /// <summary>Cash given back to a customer (negative), with a reason.</summary>
    Refund,

    /// <summary>A settlement statement was paid: the bank transfer to the merchant, its net to transfer (what the bank receives).</summary>
    Payout,

    /// <summary>
    /// A paid statement kept these fees from the merchant's cash (positive): with the <see cref="Payout"/> they take the
    /// statement's gross out of the open balance, and the monthly invoice counts them as already paid.
    /// </summary>
    FeesNetted,
}

/// <summary>
/// One posting in a merchant's append-only cash ledger. <see cref="At"/> is when it happened in the business (delivery,
/// hand-over, decision); <see cref="RecordedAt"/> is when the ledger took it, which decides its statement.
/// </summary>
public sealed record LedgerEntry(
    string MerchantId,
    string Key,
    LedgerEntryKind Kind,
    long Amount,
    string Currency,
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    string? OrderId = null,
    string? ExternalOrderId = null,
    string? CourierId = null,
    long DeliveredValue = 0,
    Tariff? Tariff = null,
    string? Reason = null,
    Actor? By = null,
    string? Reference = null)
{
    /// <summary>The fee this order's statement line nets, when the tariff (frozen at posting) nets fees from settlements.</summary>
    public long NettedFee => Kind == LedgerEntryKind.CashCollected && Tariff is { NetFeesFromSettlement: true } tariff
        ? Fees.For(tariff, DeliveredValue, Amount).Total
        : 0;

    /// <summary>Checks the sign rules of a posting; null when acceptable.</summary>
    public static string? SignProblem(LedgerEntryKind kind, long amount) => kind switch
    {
        LedgerEntryKind.CashCollected or LedgerEntryKind.CashHandedOver when amount <= 0 => "Cash movements are positive amounts.",
        LedgerEntryKind.Correction when amount == 0 => "A correction changes the balance: it cannot be zero.",
        LedgerEntryKind.Refund when amount >= 0 => "A refund gives cash back: its amount is negative.",
        _ => null,
    };
}
