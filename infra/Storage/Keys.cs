using System.Globalization;

namespace Backoffice.Infra.Storage;

/// <summary>Key shapes. Keys sort as strings, so times become fixed-width tick counts.</summary>
public static class Keys
{
    public static string OrderPartition(string merchantId, string orderId) => $"{merchantId}~{orderId}";

    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Newest-first ordering: the tick count subtracted from the maximum.</summary>
    public static string ReverseTicks(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Escapes a value for an OData string literal: a single quote is doubled. Keys we build never contain one.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
