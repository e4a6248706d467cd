using System.Text.Json;
using Backoffice.Web.Api;
using Backoffice.Web.Formatting;

namespace Backoffice.Web.Orders;

/// <summary>One line of words per order event, from the event's JSON (api/Orders: TimelineEntry.Details).</summary>
internal static class TimelineText
{
    public static string Describe(TimelineEntry entry, string currency)
    {
        var d = entry.Details;
        return entry.Type switch
        {
            "OrderPlaced" => $"Placed through {Str(d, "draft", "source") ?? "a webhook"}",
            "OrderConfirmed" => "Confirmed with the customer",
            "LinesCancelled" => Losses(d),
            "LinesPickedUp" => $"Picked up from suppliers: line {Ids(d, "lineIds")}",
            "OrderPacked" => $"Packed: line {Ids(d, "lineIds")}",
            "DispatchedToCourier" => $"Out for delivery with {Str(d, "courierId")} (attempt {Num(d, "attempt")})",
            "DeliveryAttemptFailed" => $"Delivery attempt {Num(d, "attempt")} failed" + Note(d),
            "OrderDelivered" => $"Delivered ({MoneyText.Format(Num(d, "deliveredValue"), currency)}); cash collected {MoneyText.Format(Num(d, "cashCollected"), currency)}",
            "CashHandedOver" => $"Cash handed over: {MoneyText.Format(Num(d, "amount"), currency)}",
            "DeadlineMissed" => $"Missed the {Words.Humanize(Str(d, "stage")).ToLowerInvariant()} deadline ({Num(d, "misses")}×)",
            "StageEntered" => $"Entered {Words.Humanize(Str(d, "stage")).ToLowerInvariant()}",
            "OrderCancelled" => "Cancelled: " + Cancellation(d.TryGetProperty("cancellation", out var c) ? c : default),
            _ => Words.Humanize(entry.Type),
        };
    }

    private static string Losses(JsonElement d)
    {
        if (!d.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            return "Lines cancelled";
        }

        var parts = lines.EnumerateArray().Select(l =>
        {
            var rejected = l.TryGetProperty("rejected", out var r) && r.ValueKind == JsonValueKind.True;
            var cancellation = l.TryGetProperty("cancellation", out var c) ? c : default;
            return $"line {Str(l, "lineId")} {(rejected ? "rejected" : "cancelled")} — {Cancellation(cancellation)}";
        });
        return string.Join("; ", parts);
    }

    private static string Cancellation(JsonElement c) => c.ValueKind != JsonValueKind.Object
        ? "no reason recorded"
        : $"{Words.Humanize(Str(c, "reason"))}, charged to {Words.Humanize(Str(c, "department")).ToLowerInvariant()}" + Note(c);

    private static string Note(JsonElement d) => Str(d, "note") is { Length: > 0 } note ? $" (“{note}”)" : string.Empty;

    private static string Ids(JsonElement d, string name) =>
        d.TryGetProperty(name, out var ids) && ids.ValueKind == JsonValueKind.Array ? string.Join(", ", ids.EnumerateArray().Select(i => i.GetString())) : "?";

    private static string? Str(JsonElement d, params string[] path)
    {
        var current = d;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : current.ToString();
    }

    private static long Num(JsonElement d, string name) =>
        d.ValueKind == JsonValueKind.Object && d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
