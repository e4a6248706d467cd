using Backoffice.Infra.Storage;
using Backoffice.Infra.Stock;

namespace Backoffice.Infra.Customers;

/// <summary>
/// Row keys of the Customers table. One partition per merchant: a customer base is never read across merchants, and
/// linking an order (profile, identity index, order row, order pointer) commits in one entity-group transaction.
/// </summary>
public static class CustomerKeys
{
    public const string ProfilePrefix = "c~";
    public const string PhonePrefix = "p~";
    public const string EmailPrefix = "e~";
    public const string NamePrefix = "n~";
    public const string OrderPrefix = "o~";
    public const string PointerPrefix = "x~";
    public const string CallPrefix = "k~";
    public const string IdentityPrefix = "i~";

    public static string Profile(string customerId) => ProfilePrefix + customerId;

    public static string Phone(string e164) => PhonePrefix + KeySegment.Escape(e164);

    public static string Email(string normalisedEmail) => EmailPrefix + KeySegment.Escape(normalisedEmail);

    public static string Name(string nameKey, string customerId) => $"{NamePrefix}{KeySegment.Escape(nameKey)}~{customerId}";

    /// <summary>
    /// That the customer is known by a phone or e-mail, naming its index row (<see cref="Phone"/>, <see cref="Email"/>):
    /// erasure finds every index row of a customer by this prefix, however many phones share one e-mail, so the profile
    /// need not list them (a list there grows with every new phone until the row cannot be written).
    /// </summary>
    public static string Identity(string customerId, string indexRowKey) => IdentitiesOf(customerId) + indexRowKey;

    public static string IdentitiesOf(string customerId) => $"{IdentityPrefix}{customerId}~";

    /// <summary>A customer's orders, newest first.</summary>
    public static string Order(string customerId, DateTimeOffset placedAt, string orderId) => $"{OrdersOf(customerId)}{Keys.ReverseTicks(placedAt)}~{orderId}";

    public static string OrdersOf(string customerId) => $"{OrderPrefix}{customerId}~";

    /// <summary>Which customer an order belongs to: the link, and the guard that an order is counted once.</summary>
    public static string Pointer(string orderId) => PointerPrefix + orderId;

    /// <summary>A customer's contact log, newest first.</summary>
    public static string Call(string customerId, DateTimeOffset at, string callId) => $"{CallsOf(customerId)}{Keys.ReverseTicks(at)}~{callId}";

    public static string CallsOf(string customerId) => $"{CallPrefix}{customerId}~";

    /// <summary>Rows whose key starts with <paramref name="prefix"/>: from the prefix up to the prefix with its last character incremented.</summary>
    public static string StartsWith(string merchantId, string prefix) =>
        $"PartitionKey eq {Keys.Literal(merchantId)} and RowKey ge {Keys.Literal(prefix)} and RowKey lt {Keys.Literal(prefix[..^1] + (char)(prefix[^1] + 1))}";
}
