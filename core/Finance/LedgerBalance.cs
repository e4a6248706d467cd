namespace Backoffice.Core.Finance;

/// <summary>
/// A merchant's cash position. <see cref="Owed"/> is every cash collected for the merchant plus corrections and
/// refunds; it is always <see cref="PaidOut"/> + <see cref="Open"/> (cash collected = paid out + open balance), where
/// paid out is what the merchant's bank received (<see cref="Transferred"/>) plus the fees paid statements kept from the
/// cash (<see cref="FeesNetted"/>). Couriers' cash (collected, not yet handed over) is tracked beside it, not inside it.
/// </summary>
public sealed record LedgerBalance(long Collected, long Adjustments, long Transferred, long FeesNetted, long HandedOver)
{
    public static LedgerBalance Empty { get; } = new(0, 0, 0, 0, 0);

    public long Owed => checked(Collected + Adjustments);

    /// <summary>What has left the open balance: transfers to the merchant's bank and the fees netted from them.</summary>
    public long PaidOut => checked(Transferred + FeesNetted);

    public long Open => checked(Owed - PaidOut);

    public long WithCouriers => checked(Collected - HandedOver);

    public LedgerBalance Apply(LedgerEntryKind kind, long amount) => kind switch
    {
        LedgerEntryKind.CashCollected => this with { Collected = checked(Collected + amount) },
        LedgerEntryKind.CashHandedOver => this with { HandedOver = checked(HandedOver + amount) },
        LedgerEntryKind.Correction or LedgerEntryKind.Refund => this with { Adjustments = checked(Adjustments + amount) },
        LedgerEntryKind.Payout => this with { Transferred = checked(Transferred + amount) },
        LedgerEntryKind.FeesNetted => this with { FeesNetted = checked(FeesNetted + amount) },
        _ => this,
    };

    public static LedgerBalance Fold(IEnumerable<LedgerEntry> entries) => entries.Aggregate(Empty, (b, e) => b.Apply(e.Kind, e.Amount));
}
