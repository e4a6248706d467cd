using System.Text.Json;
using Backoffice.Core.Kpi;

namespace Backoffice.Infra.Kpi;

/// <summary>How facts and contributions are written into table properties: small JSON objects of whole numbers.</summary>
public static class KpiCodec
{
    public static string Write(KpiFacts facts) => JsonSerializer.Serialize(facts.Values);

    public static KpiFacts ReadFacts(string? json) =>
        string.IsNullOrEmpty(json) ? KpiFacts.Empty : KpiFacts.Of(JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? []);

    public static string Write(KpiContribution contribution) =>
        JsonSerializer.Serialize(contribution.Cells.ToDictionary(kv => kv.Key.Key, kv => kv.Value.Values));

    public static KpiContribution ReadContribution(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return KpiContribution.Empty;
        }

        var cells = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, long>>>(json) ?? [];
        return KpiContribution.Of(cells.Select(kv => new KeyValuePair<KpiBucket, KpiFacts>(KpiBucket.Parse(kv.Key), KpiFacts.Of(kv.Value))));
    }
}
