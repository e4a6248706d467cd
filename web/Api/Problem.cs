using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backoffice.Web.Api;

/// <summary>
/// An RFC 9457 problem as the API answers it, shown in place by <c>ProblemView</c>. <see cref="Code"/> and
/// <see cref="OrderJson"/> come with 409/412 on order commands: what went wrong and the order as it is now.
/// </summary>
public sealed record Problem(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors,
    string? Code,
    [property: JsonPropertyName("order")] JsonElement? OrderJson)
{
    public static Problem Network(string detail) => new(null, Localization.ConsoleText.Get("Problem.Unreachable"), null, detail, null, null, null);

    public static Problem Unexpected(int status, string? body) =>
        new(null, Localization.ConsoleText.Format("Problem.Answered", status), status, string.IsNullOrWhiteSpace(body) ? null : Truncate(body, 300), null, null, null);

    /// <summary>True when someone else changed or moved the order first (the UI then shows their result).</summary>
    public bool IsConcurrencyConflict => Status is 409 or 412;

    public bool IsStale => Status == 412;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
