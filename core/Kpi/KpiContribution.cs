using System.Collections.Immutable;

namespace Backoffice.Core.Kpi;

/// <summary>
/// Everything one subject (an order, or one day's traffic report) adds to the calendar: facts per cell. The roll-up
/// keeps each subject's last contribution, so a change replaces it exactly: new minus old is added to each cell.
/// </summary>
public sealed class KpiContribution : IEquatable<KpiContribution>
{
    private KpiContribution(ImmutableSortedDictionary<KpiBucket, KpiFacts> cells) => Cells = cells;

    public static KpiContribution Empty { get; } = new(ImmutableSortedDictionary<KpiBucket, KpiFacts>.Empty);

    public ImmutableSortedDictionary<KpiBucket, KpiFacts> Cells { get; }

    public static KpiContribution Of(IEnumerable<KeyValuePair<KpiBucket, KpiFacts>> cells)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<KpiBucket, KpiFacts>();
        foreach (var (bucket, facts) in cells)
        {
            var sum = builder.TryGetValue(bucket, out var existing) ? existing.Plus(facts) : facts;
            if (sum.IsEmpty)
            {
                builder.Remove(bucket);
            }
            else
            {
                builder[bucket] = sum;
            }
        }

        return new KpiContribution(builder.ToImmutable());
    }

    public KpiFacts this[KpiBucket bucket] => Cells.GetValueOrDefault(bucket) ?? KpiFacts.Empty;

    public KpiContribution Plus(KpiContribution other) => Of(Cells.Concat(other.Cells));

    /// <summary>What has to be added to every cell to replace <paramref name="previous"/> with this one.</summary>
    public IReadOnlyDictionary<KpiBucket, KpiFacts> DeltaFrom(KpiContribution? previous)
    {
        var old = previous ?? Empty;
        var result = new SortedDictionary<KpiBucket, KpiFacts>();
        foreach (var bucket in Cells.Keys.Union(old.Cells.Keys))
        {
            var delta = this[bucket].Minus(old[bucket]);
            if (!delta.IsEmpty)
            {
                result[bucket] = delta;
            }
        }

        return result;
    }

    public bool Equals(KpiContribution? other) =>
        other is not null && Cells.Count == other.Cells.Count && Cells.All(kv => other.Cells.TryGetValue(kv.Key, out var f) && f.Equals(kv.Value));

    public override bool Equals(object? obj) => Equals(obj as KpiContribution);

    public override int GetHashCode() => Cells.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value));
}
