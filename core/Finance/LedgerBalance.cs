namespace Backoffice.Core.Finance;

/// <summary>
/// A merchant's cash position. <see cref="Owed"/> is every cash collected for the merchant plus corrections and
/// refunds; it is always <see cref="PaidOut"/> + <see cref="Open"/> (cash collected = paid out + open balance).
/// Couriers' cash (collected, not yet handed over) is tracked beside it, not inside it.
/// </summary>
public sealed record LedgerBalance(long Collected, long Adjustments, long PaidOut, long HandedOver)
{
    public static LedgerBalance Empty { get; } = new(0, 0, 0, 0);

    public long Owed => checked(Collected + Adjustments);

    public long Open => checked(Owed - PaidOut);

    public long WithCouriers => checked(Collected - HandedOver);

    public LedgerBalance Apply(LedgerEntryKind kind, long amount) => kind switch
    {
        LedgerEntryKind.CashCollected => this with { Collected = checked(Collected + amount) },
        LedgerEntryKind.CashHandedOver => this with { HandedOver = checked(HandedOver + amount) },
        LedgerEntryKind.Correction or LedgerEntryKind.Refund => this with { Adjustments = checked(Adjustments + amount) },
        LedgerEntryKind.Payout => this with { PaidOut = checked(PaidOut + amount) },
        _ => this,
    };

    public static LedgerBalance Fold(IEnumerable<LedgerEntry> entries) => entries.Aggregate(Empty, (b, e) => b.Apply(e.Kind, e.Amount));
}
