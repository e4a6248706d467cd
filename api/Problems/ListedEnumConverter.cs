using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backoffice.Api.Problems;

/// <summary>A string that names no member of the enum: answered as a 422 that lists the allowed values.</summary>
public sealed class UnknownEnumValueException(IReadOnlyList<string> allowed) : JsonException("Not one of the allowed values.")
{
    public IReadOnlyList<string> Allowed { get; } = allowed;
}

/// <summary>
/// Enums in request bodies as camelCase strings (case-insensitive on read, like ASP.NET's own converter). A number or
/// another JSON type is a wrong type (400); a string that is no member is a user's mistake and answers 422 with the
/// allowed values, so the caller can correct it without reading the docs.
/// </summary>
public sealed class ListedEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(ListedEnumConverter<>).MakeGenericType(typeToConvert));

    private sealed class ListedEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>()
            .ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), v => v, StringComparer.OrdinalIgnoreCase);

        private static readonly string[] Allowed = [.. ByName.Keys];

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException();
            }

            return ByName.TryGetValue(reader.GetString() ?? string.Empty, out var value) ? value : throw new UnknownEnumValueException(Allowed);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
    }
}
