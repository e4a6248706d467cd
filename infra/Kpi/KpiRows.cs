using Azure.Data.Tables;
using Backoffice.Core.Kpi;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

/// <summary>
/// The row layout of the KpiFacts table, in one place: <see cref="KpiFactStore"/> reads and writes it, and a history
/// loader (the benchmark) writes the same rows in bulk.
/// </summary>
public static class KpiRows
{
    public static string Partition(string scope, string month) => $"{scope}~{month}";

    public static string IndexPartition(string scope) => $"{scope}~index";

    public static string IndexRow(string activityMonth) => "a~" + activityMonth;

    public static string AggRow(KpiBucket bucket) => "agg~" + bucket.Key;

    public static string PartRow(KpiSubject subject) => "part~" + subject.Key;

    public static string SyncRow(string merchantId, KpiBucket bucket) => $"sync~{merchantId}~{bucket.Key}";

    /// <summary>An aggregate (or a totals mirror of one): the summed facts of a cell and its revision.</summary>
    public static TableEntity Facts(string partition, string rowKey, KpiFacts facts, long revision)
    {
        var entity = new TableEntity(partition, rowKey) { ["Revision"] = revision };
        ChunkedProperty.Write(entity, "Facts", KpiCodec.Write(facts));
        return entity;
    }

    /// <summary>A subject's last contribution and the version it was computed from.</summary>
    public static TableEntity Part(string partition, KpiSubject subject, long version, KpiContribution contribution)
    {
        var entity = new TableEntity(partition, PartRow(subject))
        {
            ["MerchantId"] = subject.MerchantId,
            ["Subject"] = subject.Key,
            ["Version"] = version,
        };
        ChunkedProperty.Write(entity, "Contribution", KpiCodec.Write(contribution));
        return entity;
    }

    /// <summary>The cohort months whose partitions hold delivery-day facts of one month.</summary>
    public static TableEntity Index(string scope, string activityMonth, IEnumerable<string> cohortMonths) =>
        new(IndexPartition(scope), IndexRow(activityMonth)) { ["Months"] = string.Join(',', cohortMonths.Order(StringComparer.Ordinal)) };
}
