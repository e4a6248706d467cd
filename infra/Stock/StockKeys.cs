using System.Globalization;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Stock;

/// <summary>
/// Row keys of the Stock table. One partition per merchant holds its balances, the change index, the movement log,
/// the reservations and the publication outbox, so a stock change and everything it implies commit in one
/// entity-group transaction (see docs/customers-and-stock.md for why not one partition per SKU).
/// </summary>
public static class StockKeys
{
    public const string BalancePrefix = "b~";
    public const string ChangePrefix = "c~";
    public const string MovementPrefix = "m~";
    public const string ReservationPrefix = "r~";
    public const string OutboxPrefix = "o~";
    public const string IdempotencyPrefix = "i~";
    public const string ReturnPrefix = "t~";

    /// <summary>Upper bound of a prefix range: '~' sorts after every character escaped keys contain.</summary>
    public const string End = "~";

    public static string Balance(string sku) => BalancePrefix + KeySegment.Escape(sku);

    /// <summary>The change index sorts by change time: "what changed since T" is a range query.</summary>
    public static string Change(DateTimeOffset changedAt, string sku) => $"{ChangePrefix}{Keys.Ticks(changedAt)}~{KeySegment.Escape(sku)}";

    public static string ChangesSince(DateTimeOffset since) => ChangePrefix + Keys.Ticks(since);

    /// <summary>Movements newest first: the version counted down from the maximum.</summary>
    public static string Movement(string sku, long version) => $"{MovementsOf(sku)}{(long.MaxValue - version).ToString("D19", CultureInfo.InvariantCulture)}";

    public static string MovementsOf(string sku) => $"{MovementPrefix}{KeySegment.Escape(sku)}~";

    public static string Reservation(string orderId, string lineId) => $"{ReservationsOf(orderId)}{KeySegment.Escape(lineId)}";

    public static string ReservationsOf(string orderId) => $"{ReservationPrefix}{KeySegment.Escape(orderId)}~";

    public static string Outbox(DateTimeOffset at, string sku, long version) =>
        $"{OutboxPrefix}{Keys.Ticks(at)}~{KeySegment.Escape(sku)}~{version.ToString("D19", CultureInfo.InvariantCulture)}";

    public static string Idempotency(string movementId) => IdempotencyPrefix + KeySegment.Escape(movementId);

    public static string Return(string orderId, string lineId) => $"{ReturnPrefix}{KeySegment.Escape(orderId)}~{KeySegment.Escape(lineId)}";

    /// <summary>OData filter for the rows of a merchant whose key starts with <paramref name="prefix"/>.</summary>
    public static string Range(string merchantId, string from, string prefixEnd) =>
        $"PartitionKey eq {Keys.Literal(merchantId)} and RowKey ge {Keys.Literal(from)} and RowKey lt {Keys.Literal(prefixEnd)}";

    public static string Prefix(string merchantId, string prefix) => Range(merchantId, prefix, prefix + End);
}
