namespace Backoffice.Core.Orders;

/// <summary>The state of one order: a closed hierarchy. Immutable; only <see cref="OrderDecider.Evolve"/> makes a new one.</summary>
public abstract record OrderState
{
    public abstract int Version { get; }
}

/// <summary>Nothing has been placed under this id yet.</summary>
public sealed record NoOrder : OrderState
{
    public static NoOrder Instance { get; } = new();

    public override int Version => 0;
}

public sealed record PlacedOrder(
    string MerchantId,
    string OrderId,
    OrderDraft Draft,
    DeadlinePolicy Policy,
    Stage Stage,
    IReadOnlyList<LineState> Lines,
    StageDeadline? Deadline,
    bool Confirmed,
    string? CourierId,
    bool OutForDelivery,
    int DeliveryAttempts,
    long CashCollected,
    long CashHandedOver,
    Cancellation? Cancellation,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    int EventCount) : OrderState
{
    public override int Version => EventCount;

    public IEnumerable<LineState> LiveLines => Lines.Where(l => l.IsLive);

    public LineState? FindLine(string lineId) => Lines.FirstOrDefault(l => l.Line.LineId == lineId);

    /// <summary>Value of the lines still alive plus the delivery fee: what the customer would pay now.</summary>
    public long LiveValue => LiveLines.Sum(l => l.Line.Total) + (LiveLines.Any() ? Draft.DeliveryFee : 0);

    /// <summary>Value as ordered (GrossDemand of this order).</summary>
    public long OrderedValue => Lines.Sum(l => l.Line.Total) + Draft.DeliveryFee;

    public long DeliveredValue => Lines.Where(l => l.Status == LineStatus.Delivered).Sum(l => l.Line.Total)
        + (Lines.Any(l => l.Status == LineStatus.Delivered) ? Draft.DeliveryFee : 0);

    public long CashOutstanding => CashCollected - CashHandedOver;
}
