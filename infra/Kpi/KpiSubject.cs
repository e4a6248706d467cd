namespace Backoffice.Infra.Kpi;

public enum KpiSubjectKind
{
    Order,
    Traffic,
}

/// <summary>
/// Something whose KPI contribution is kept as a unit and replaced as a unit: one order, or one day's traffic report
/// of a merchant. <see cref="Key"/> is its row key inside the merchant's partitions.
/// </summary>
public readonly record struct KpiSubject(string MerchantId, KpiSubjectKind Kind, string Id)
{
    public string Key => (Kind == KpiSubjectKind.Order ? "o~" : "t~") + Id;

    public static KpiSubject Order(string merchantId, string orderId) => new(merchantId, KpiSubjectKind.Order, orderId);

    public static KpiSubject Traffic(string merchantId, DateOnly date) =>
        new(merchantId, KpiSubjectKind.Traffic, date.ToString(Core.Kpi.KpiBucket.DayFormat, System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>One entry of the change feed: this subject reached this version at this time (as recorded).</summary>
public sealed record KpiChange(KpiSubject Subject, long Version, DateTimeOffset RecordedAt, DateTimeOffset? PlacedAt = null);

/// <summary>What a run knows about a changed subject from the feed: the newest version seen, and when an order was placed.</summary>
public sealed record KpiChangeSummary(long Version, DateTimeOffset? PlacedAt)
{
    /// <summary>"Recompute whatever is stored": for callers that know nothing about versions (rebuilds, tests).</summary>
    public static KpiChangeSummary Unknown { get; } = new(long.MaxValue, null);

    public KpiChangeSummary Merge(KpiChange change) => new(Math.Max(Version, change.Version), PlacedAt ?? change.PlacedAt);
}
