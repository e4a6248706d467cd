using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Backoffice.Api.Problems;

/// <summary>
/// Reads a JSON body ourselves instead of letting binding fail opaquely: wrong types answer 400 with the JSON path,
/// wrong media types 415, oversize bodies 413. Duplicate properties are refused (an ambiguity attackers use).
/// </summary>
public static class JsonBody
{
    public const int DefaultLimit = 1024 * 1024;

    public static JsonSerializerOptions Options { get; } = Create();

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Reads at most <paramref name="limit"/> bytes; null means the body was larger.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static (T? Value, IResult? Problem) Parse<T>(ReadOnlySpan<byte> body, JsonSerializerOptions? options = null)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, options ?? Options);
            return value is null ? (null, Problems.MalformedJson("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            return (null, Problems.Validation(new Dictionary<string, string[]> { [path] = ["Malformed JSON or a value of the wrong type here."] }, StatusCodes.Status400BadRequest));
        }
    }

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (!IsJson(request))
        {
            return (null, Problems.UnsupportedMediaType());
        }

        var body = await ReadLimitedAsync(request, DefaultLimit, ct).ConfigureAwait(false);
        return body is null ? (null, Problems.TooLarge(DefaultLimit)) : Parse<T>(body);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowDuplicateProperties = false,
            MaxDepth = 32,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
