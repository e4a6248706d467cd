namespace Backoffice.Core.Stock;

/// <summary>
/// A SKU's stock as last written: its level, a version that grows with every change (storefronts dedupe on it) and
/// when it changed.
/// </summary>
public sealed record StockBalance(string MerchantId, string Sku, string? Name, StockLevel Level, long Version, DateTimeOffset ChangedAt);
