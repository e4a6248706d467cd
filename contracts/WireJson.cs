using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backoffice.Contracts;

/// <summary>
/// The API's JSON conventions, for both ends: camelCase names, enums as camelCase strings, nulls left out. The API writes
/// with these options and the console reads and sends with them. The records here keep enumerated values (stage,
/// payment, reason...) as strings written by <see cref="Name{TEnum}"/>: the API's schema lists the values it knows,
/// and a console that meets one it does not know yet shows the text instead of failing the whole page.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the conventions to options someone else owns (the API host's HTTP JSON options).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>An enum value as the wire spells it ("supplierPickup"): the same rule as the enum converter above.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The wire name of an enum value that may be absent.</summary>
    public static string? Name<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } v ? Name(v) : null;

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
