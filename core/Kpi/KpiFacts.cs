using System.Collections.Immutable;

namespace Backoffice.Core.Kpi;

/// <summary>
/// Named counters and sums (counts, minor units) for one calendar cell. Everything the reports show is stored this
/// way, as whole numbers, so sums are exact, order does not matter, and an order's old contribution can be taken
/// back by subtraction. Ratios are never stored: they are computed from these on read. Zero entries are dropped.
/// </summary>
public sealed class KpiFacts : IEquatable<KpiFacts>
{
    private readonly ImmutableSortedDictionary<string, long> _values;

    private KpiFacts(ImmutableSortedDictionary<string, long> values) => _values = values;

    public static KpiFacts Empty { get; } = new(ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, long> Values => _values;

    public bool IsEmpty => _values.IsEmpty;

    public long this[string metric] => _values.GetValueOrDefault(metric);

    public static KpiFacts Of(IEnumerable<KeyValuePair<string, long>> values)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var (metric, value) in values)
        {
            var sum = checked(builder.GetValueOrDefault(metric) + value);
            if (sum == 0)
            {
                builder.Remove(metric);
            }
            else
            {
                builder[metric] = sum;
            }
        }

        return builder.Count == 0 ? Empty : new KpiFacts(builder.ToImmutable());
    }

    public KpiFacts Plus(KpiFacts other) => Combine(other, +1);

    public KpiFacts Minus(KpiFacts other) => Combine(other, -1);

    public bool Equals(KpiFacts? other) =>
        other is not null && _values.Count == other._values.Count && _values.All(kv => other._values.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override bool Equals(object? obj) => Equals(obj as KpiFacts);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (k, v) in _values)
        {
            hash.Add(k, StringComparer.Ordinal);
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _values.Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    private KpiFacts Combine(KpiFacts other, int sign)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        var builder = _values.ToBuilder();
        foreach (var (metric, value) in other._values)
        {
            var sum = checked(builder.GetValueOrDefault(metric) + (sign * value));
            if (sum == 0)
            {
                builder.Remove(metric);
            }
            else
            {
                builder[metric] = sum;
            }
        }

        return builder.Count == 0 ? Empty : new KpiFacts(builder.ToImmutable());
    }
}

/// <summary>Collects facts for one cell while an order's contribution is computed.</summary>
public sealed class KpiFactsBuilder
{
    private readonly List<KeyValuePair<string, long>> _items = [];

    public KpiFactsBuilder Add(string metric, long value)
    {
        _items.Add(new(metric, value));
        return this;
    }

    public KpiFacts Build() => KpiFacts.Of(_items);
}
