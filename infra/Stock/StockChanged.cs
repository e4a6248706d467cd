namespace Backoffice.Infra.Stock;

/// <summary>
/// "A SKU's availability changed", as storefronts are told: locally a message on the <c>stock-changed</c> queue, in
/// Azure on the Service Bus topic of that name. Delivery is at-least-once and may reorder: keep the highest version.
/// </summary>
public sealed record StockChanged(string MerchantId, string Sku, int OnHand, int Reserved, int Available, long Version, DateTimeOffset ChangedAt);
