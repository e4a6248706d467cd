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

    /// <summary>
    /// Parses <paramref name="body"/> as <typeparamref name="T"/>. With <paramref name="refuseUnknown"/> (every command
    /// body, through <see cref="ReadAsync{T}"/>) a property the contract does not have is a 422 naming its path: a
    /// misspelt or outdated field must not be silently ignored. Webhooks from storefronts pass false: their payloads
    /// carry many fields we do not use.
    /// </summary>
    public static (T? Value, IResult? Problem) Parse<T>(ReadOnlySpan<byte> body, JsonSerializerOptions? options = null, bool refuseUnknown = false)
        where T : class
    {
        options ??= Options;
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, options);
            if (value is null)
            {
                return (null, Problems.MalformedJson("The body must be a JSON object."));
            }

            if (refuseUnknown)
            {
                using var document = JsonDocument.Parse(body.ToArray());
                var unknown = UnknownProperties.Find(document.RootElement, options.GetTypeInfo(typeof(T)), string.Empty);
                if (unknown.Count > 0)
                {
                    return (null, Problems.Validation(unknown.ToDictionary(path => path, _ => new[] { "Unknown property: this API has no such field." }, StringComparer.Ordinal)));
                }
            }

            return (value, null);
        }
        catch (UnknownEnumValueException ex)
        {
            // A field path like every other 422 (reason, lines[0].reason), not the JSON path of a 400.
            var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : ex.Path ?? "$";
            return (null, Problems.Validation(new Dictionary<string, string[]> { [path] = [$"Not one of the allowed values: {string.Join(", ", ex.Allowed)}."] }));
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
        return body is null ? (null, Problems.TooLarge(DefaultLimit)) : Parse<T>(body, refuseUnknown: true);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowDuplicateProperties = false,
            MaxDepth = 32,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new ListedEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
