using Backoffice.Core.Orders;

namespace Backoffice.Core.Merchants;

/// <summary>
/// A shop we fulfil for: its currency, time zone, service levels, fee tariff and where status changes go.
/// <see cref="Region"/> (ISO 3166-1 alpha-2, e.g. RU) is where its customers' national phone numbers are dialled
/// when an order names no country; without it only international numbers are accepted from such orders.
/// </summary>
public sealed record Merchant(
    string MerchantId,
    string Name,
    string Currency,
    string TimeZone,
    DeadlinePolicy Deadlines,
    Tariff Tariff,
    string? StatusUrl,
    bool Active = true,
    string? Region = null);

/// <summary>
/// Fee charged only for delivered orders: a fixed amount per delivered order, basis points of the delivered value,
/// basis points of cash handled. Basis points (1/100 of a percent) keep the tariff integral.
/// </summary>
public sealed record Tariff(long FixedPerDeliveredOrder, int DeliveredValueBasisPoints, int CashHandledBasisPoints, bool NetFeesFromSettlement = false)
{
    /// <summary>A sample tariff for tests and benchmarks. The API never falls back to it: a new merchant names its tariff.</summary>
    public static Tariff Default { get; } = new(15000, 0, 100);

    /// <summary>No fee at all: the base an update without a stored tariff starts from.</summary>
    public static Tariff None { get; } = new(0, 0, 0);
}

public static class MerchantIds
{
    /// <summary>Merchant ids become table keys and URL segments, so they are a narrow, safe alphabet.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: >= 2 and <= 40 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && id[0] != '-' && id[^1] != '-';
}
