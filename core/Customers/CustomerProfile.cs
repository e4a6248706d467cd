using Backoffice.Core.Orders;

namespace Backoffice.Core.Customers;

/// <summary>
/// One customer in a merchant's base. Contact data is what the latest order carried; identity is the set of phones
/// (E.164) and e-mails seen on its orders. After erasure only the id, the counts and the money remain.
/// </summary>
public sealed record CustomerProfile(
    string MerchantId,
    string CustomerId,
    string Name,
    string? Phone,
    string? Email,
    Address? Address,
    IReadOnlyList<string> Tags,
    CustomerStats Stats,
    string Currency,
    DateTimeOffset FirstOrderAt,
    DateTimeOffset LastOrderAt,
    string? LastOrderId,
    bool Erased,
    DateTimeOffset? ErasedAt);
