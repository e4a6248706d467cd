using System.Text.Json;
using Backoffice.Web.Api;
using Backoffice.Web.Formatting;
using Backoffice.Web.Localization;

namespace Backoffice.Web.Orders;

/// <summary>One line of words per order event, from the event's JSON (api/Orders: TimelineEntry.Details).</summary>
internal static class TimelineText
{
    public static string Describe(TimelineEntry entry, string currency)
    {
        var d = entry.Details;
        return entry.Type switch
        {
            "OrderPlaced" => ConsoleText.Format("Timeline.Placed", Str(d, "draft", "source") ?? ConsoleText.Get("Timeline.AWebhook")),
            "OrderConfirmed" => ConsoleText.Get("Timeline.Confirmed"),
            "LinesCancelled" => Losses(d),
            "LinesPickedUp" => ConsoleText.Format("Timeline.PickedUp", Ids(d, "lineIds")),
            "OrderPacked" => ConsoleText.Format("Timeline.Packed", Ids(d, "lineIds")),
            "DispatchedToCourier" => ConsoleText.Format("Timeline.Dispatched", Str(d, "courierId"), Num(d, "attempt")),
            "DeliveryAttemptFailed" => ConsoleText.Format("Timeline.AttemptFailed", Num(d, "attempt")) + Note(d),
            "OrderDelivered" => ConsoleText.Format("Timeline.Delivered", MoneyText.Format(Num(d, "deliveredValue"), currency), MoneyText.Format(Num(d, "cashCollected"), currency)),
            "CashHandedOver" => ConsoleText.Format("Timeline.CashHandedOver", MoneyText.Format(Num(d, "amount"), currency)),
            "DeadlineMissed" => ConsoleText.Format("Timeline.DeadlineMissed", Words.Humanize(Str(d, "stage")), Num(d, "misses")),
            "StageEntered" => ConsoleText.Format("Timeline.StageEntered", Words.Humanize(Str(d, "stage"))),
            "OrderCancelled" => ConsoleText.Format("Timeline.Cancelled", Cancellation(d.TryGetProperty("cancellation", out var c) ? c : default)),
            _ => Words.Humanize(entry.Type),
        };
    }

    private static string Losses(JsonElement d)
    {
        if (!d.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
        {
            return ConsoleText.Get("Timeline.LinesCancelled");
        }

        var parts = lines.EnumerateArray().Select(l =>
        {
            var rejected = l.TryGetProperty("rejected", out var r) && r.ValueKind == JsonValueKind.True;
            var cancellation = l.TryGetProperty("cancellation", out var c) ? c : default;
            return ConsoleText.Format(rejected ? "Timeline.LineRejected" : "Timeline.LineCancelled", Str(l, "lineId"), Cancellation(cancellation));
        });
        return string.Join("; ", parts);
    }

    private static string Cancellation(JsonElement c) => c.ValueKind != JsonValueKind.Object
        ? ConsoleText.Get("Timeline.NoReason")
        : ConsoleText.Format("Timeline.Charged", Words.Humanize(Str(c, "reason")), Words.Humanize(Str(c, "department"))) + Note(c);

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
