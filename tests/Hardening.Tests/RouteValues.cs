using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Backoffice.Hardening.Tests;

/// <summary>Whose data a probe reaches for: the caller's own merchant, or the victim's.</summary>
internal enum Target
{
    Own,
    Other,
}

/// <summary>
/// Concrete values for route parameters, so every endpoint can be called for real. The mapping (also in
/// docs/measurements.md):
/// <list type="bullet">
/// <item>{merchantId}: the targeted merchant (own-shop, or victim-shop in the other-merchant case);</item>
/// <item>{orderId}: a real order of the targeted merchant;</item>
/// <item>{stage}: Confirmation; {messageId}, {sku}, {customerId} and the other names below: plausible values of their shape.</item>
/// </list>
/// A parameter not listed here throws: a new endpoint with a new parameter fails the matrix loudly until its value
/// is added, so it cannot slip through untested.
/// </summary>
internal static class RouteValues
{
    public const string MerchantId = "merchantId";
    public const string OrderId = "orderId";

    private static readonly IReadOnlyDictionary<string, string> Plausible = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["stage"] = "Confirmation",
        ["documentName"] = "v1",
        ["currency"] = "EUR",
        ["messageId"] = "msg-0001",
        ["sku"] = "SKU-1",
        ["customerId"] = "cus-0001",
        ["week"] = "2026-W47",
        ["month"] = "2026-11",
        ["period"] = "2026-W47",
        ["date"] = "2026-11-16",
        ["day"] = "2026-11-16",
        ["year"] = "2026",
        ["settlementId"] = "2026-W47",
        ["statementId"] = "2026-W47",
        ["invoiceId"] = "2026-11",
        ["documentId"] = "2026-W47",
        ["reportId"] = "2026-W47",
        ["format"] = "csv",
        ["kind"] = "settlement",
        ["lineId"] = "1",
        ["courierId"] = "courier-1",
        ["supplierId"] = "supplier-1",
        ["entryId"] = "entry-1",
        ["key"] = "key-1",
    };

    /// <summary>The request path for <paramref name="pattern"/> with every parameter filled in.</summary>
    public static string Path(RoutePattern pattern, string merchantId, string orderId)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(Value(parameter.Name, merchantId, orderId)),
                    _ => throw new InvalidOperationException($"Unknown route part {part.GetType().Name} in {pattern.RawText}."),
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    public static string Value(string name, string merchantId, string orderId) => name switch
    {
        MerchantId => merchantId,
        OrderId => orderId,
        _ when Plausible.TryGetValue(name, out var value) => value,
        _ => throw new UnknownRouteParameterException(name),
    };
}

internal sealed class UnknownRouteParameterException(string name)
    : Exception($"Route parameter {{{name}}} has no concrete value: add one to RouteValues.Plausible (tests/Hardening.Tests/RouteValues.cs) so the isolation matrix covers this endpoint.")
{
    public string Name { get; } = name;
}
