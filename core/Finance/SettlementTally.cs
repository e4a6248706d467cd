namespace Backoffice.Core.Finance;

/// <summary>One order on a statement: the cash its courier collected, the fee netted (if the tariff nets fees) and what goes to the merchant.</summary>
public sealed record SettlementLine(
    string OrderId, string ExternalOrderId, DateTimeOffset DeliveredAt, string? CourierId, long CashCollected, long Fee, bool Late)
{
    public long Net => checked(CashCollected - Fee);
}

/// <summary>A correction or refund on a statement, with its reason and who made it.</summary>
public sealed record SettlementAdjustment(LedgerEntryKind Kind, string? OrderId, long Amount, string Reason, string By, DateTimeOffset RecordedAt);

/// <summary>
/// A statement's sums. <see cref="Gross"/> leaves the merchant's open balance when the statement is paid, in two ledger
/// entries: <see cref="NetToTransfer"/> (gross less the fees netted) as the payout the bank receives, and
/// <see cref="Fees"/> as fees netted.
/// </summary>
public sealed record SettlementTotals(int Orders, long CashCollected, long Fees, long Adjustments, int AdjustmentCount, int LateOrders)
{
    public static SettlementTotals Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public long Gross => checked(CashCollected + Adjustments);

    public long NetToTransfer => checked(CashCollected - Fees + Adjustments);

    public bool IsEmpty => Orders == 0 && AdjustmentCount == 0;
}

/// <summary>
/// Turns ledger entries, in the order they were recorded, into statement lines while keeping the totals: one pass,
/// constant memory for order lines (adjustments are rare and kept for their own section).
/// </summary>
public sealed class SettlementTally(DateTimeOffset weekStart)
{
    private readonly List<SettlementAdjustment> _adjustments = [];

    public SettlementTotals Totals { get; private set; } = SettlementTotals.Empty;

    public IReadOnlyList<SettlementAdjustment> Adjustments => _adjustments;

    /// <summary>The statement line for a cash collection; adjustments are collected; hand-overs and payouts are not statement lines.</summary>
    public SettlementLine? Add(LedgerEntry entry)
    {
        switch (entry.Kind)
        {
            case LedgerEntryKind.CashCollected:
                var line = new SettlementLine(entry.OrderId ?? string.Empty, entry.ExternalOrderId ?? string.Empty, entry.At, entry.CourierId,
                    entry.Amount, entry.NettedFee, entry.At < weekStart);
                Totals = Totals with
                {
                    Orders = Totals.Orders + 1,
                    CashCollected = checked(Totals.CashCollected + line.CashCollected),
                    Fees = checked(Totals.Fees + line.Fee),
                    LateOrders = Totals.LateOrders + (line.Late ? 1 : 0),
                };
                return line;
            case LedgerEntryKind.Correction or LedgerEntryKind.Refund:
                _adjustments.Add(new SettlementAdjustment(entry.Kind, entry.OrderId, entry.Amount, entry.Reason ?? string.Empty,
                    entry.By?.UserId ?? "unknown", entry.RecordedAt));
                Totals = Totals with { Adjustments = checked(Totals.Adjustments + entry.Amount), AdjustmentCount = Totals.AdjustmentCount + 1 };
                return null;
            default:
                return null;
        }
    }
}
