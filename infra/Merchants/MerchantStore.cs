using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Backoffice.Infra.Merchants;

/// <summary>A merchant's webhook secrets: up to two valid at once so a storefront can rotate without downtime.</summary>
/// <summary>
/// A merchant's signing secrets. <see cref="Inbound"/>: what its storefront signs webhooks with (the current one first,
/// the previous one still valid). <see cref="Outbound"/>: what we sign status webhooks with; after a rotation
/// <see cref="PreviousOutbound"/> signs too (two signatures in one header), so the merchant can switch at leisure.
/// </summary>
public sealed record WebhookSecrets(IReadOnlyList<string> Inbound, string? Outbound, string? PreviousOutbound = null)
{
    /// <summary>The outbound secrets to sign with, the current one first.</summary>
    public IReadOnlyList<string> OutboundSigning => [.. new[] { Outbound, PreviousOutbound }.OfType<string>()];
}

/// <summary>
/// Merchants and their secrets. Reads are cached briefly: every webhook needs them, and they rarely change. The secrets
/// sit in the <see cref="IWebhookSecretVault"/> (Key Vault in Azure), never next to the merchant row there.
/// The cache is bounded (<see cref="DefaultCacheLimit"/> entries): webhooks for made-up merchant ids once grew it without
/// limit (180,000 random ids). An unknown id is remembered only briefly (<see cref="UnknownFor"/>) and is the first to go
/// when the cache is full.
/// </summary>
public sealed class MerchantStore(StorageClients clients, TimeProvider clock, IWebhookSecretVault? vault = null, int cacheLimit = MerchantStore.DefaultCacheLimit) : IDisposable
{
    /// <summary>Far more merchants than one installation serves; each entry is a merchant and its secrets (about 1 KB).</summary>
    public const int DefaultCacheLimit = 10_000;

    private const string MerchantPartition = "merchant";
    private readonly IWebhookSecretVault _vault = vault ?? new TableWebhookSecretVault(clients);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>How long "no such merchant" is believed: long enough to absorb a burst, short enough that a new merchant works at once.</summary>
    public static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(5);

    // Expiry is decided by the injected clock (At), as everywhere; the cache's own expiration is only a backstop that
    // lets it drop entries nobody asks for again, and its size limit is the bound.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = cacheLimit, CompactionPercentage = 0.25 });

    /// <summary>How many merchant ids (known or not) are cached now; never more than the limit.</summary>
    public int CachedCount => _cache.Count;

    private TableClient Table => clients.Table(TableNames.Merchants);

    public async Task<(Merchant? Merchant, WebhookSecrets? Secrets)> FindForWebhookAsync(string merchantId, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(merchantId, out CachedMerchant? hit) && hit is not null
            && clock.GetUtcNow() - hit.At < (hit.Merchant is null ? UnknownFor : CacheFor))
        {
            return (hit.Merchant, hit.Secrets);
        }

        var merchant = await FindAsync(merchantId, ct).ConfigureAwait(false);
        var secrets = merchant is null ? null : await SecretsAsync(merchantId, ct).ConfigureAwait(false);
        _cache.Set(merchantId, new CachedMerchant(merchant, secrets, clock.GetUtcNow()), new MemoryCacheEntryOptions
        {
            Size = 1,
            Priority = merchant is null ? CacheItemPriority.Low : CacheItemPriority.Normal,
            AbsoluteExpirationRelativeToNow = (merchant is null ? UnknownFor : CacheFor) * 2,
        });
        return (merchant, secrets);
    }

    /// <summary>
    /// Whether the merchant takes status webhooks (has a status URL): the same rule <c>StatusDelivery</c> applies, read
    /// from the cache, so a status nobody would receive is never queued (3 storage operations per change saved locally).
    /// A URL set in another process takes effect there within the cache time (30 s); one removed is caught at delivery.
    /// </summary>
    public async Task<bool> WantsStatusAsync(string merchantId, CancellationToken ct = default) =>
        !string.IsNullOrWhiteSpace((await FindForWebhookAsync(merchantId, ct).ConfigureAwait(false)).Merchant?.StatusUrl);

    public async Task<Merchant?> FindAsync(string merchantId, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(MerchantPartition, merchantId, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? Json.Deserialize<Merchant>(e.GetString("Body")) : null;
    }

    public async Task<IReadOnlyList<Merchant>> ListAsync(CancellationToken ct = default)
    {
        var result = new List<Merchant>();
        await foreach (var e in Table.QueryAsync<TableEntity>($"PartitionKey eq '{MerchantPartition}'", cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(Json.Deserialize<Merchant>(e.GetString("Body")));
        }

        return result;
    }

    public async Task SaveAsync(Merchant merchant, CancellationToken ct = default)
    {
        await Table.UpsertEntityAsync(new TableEntity(MerchantPartition, merchant.MerchantId) { ["Body"] = Json.Serialize(merchant) }, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        _cache.Remove(merchant.MerchantId);
    }

    /// <summary>Creates the merchant only if absent; returns false when it already existed.</summary>
    public async Task<bool> CreateAsync(Merchant merchant, WebhookSecrets secrets, CancellationToken ct = default)
    {
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(MerchantPartition, merchant.MerchantId) { ["Body"] = Json.Serialize(merchant) }),
            ], ct).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        await SaveSecretsAsync(merchant.MerchantId, secrets, ct).ConfigureAwait(false);
        return true;
    }

    public Task<WebhookSecrets?> SecretsAsync(string merchantId, CancellationToken ct = default) => _vault.GetAsync(merchantId, ct);

    public async Task SaveSecretsAsync(string merchantId, WebhookSecrets secrets, CancellationToken ct = default)
    {
        await _vault.SaveAsync(merchantId, secrets, ct).ConfigureAwait(false);
        _cache.Remove(merchantId);
    }

    /// <summary>Rotation: the new secret becomes current, the previous current stays valid, older ones are dropped.</summary>
    public async Task<WebhookSecrets> RotateInboundSecretAsync(string merchantId, string newSecret, CancellationToken ct = default)
    {
        var current = await SecretsAsync(merchantId, ct).ConfigureAwait(false) ?? new WebhookSecrets([], null);
        var rotated = current with { Inbound = [newSecret, .. current.Inbound.Take(1)] };
        await SaveSecretsAsync(merchantId, rotated, ct).ConfigureAwait(false);
        return rotated;
    }

    /// <summary>Outbound rotation: the new secret signs from now on, the previous current one signs beside it until the next rotation.</summary>
    public async Task<WebhookSecrets> RotateOutboundSecretAsync(string merchantId, string newSecret, CancellationToken ct = default)
    {
        var current = await SecretsAsync(merchantId, ct).ConfigureAwait(false) ?? new WebhookSecrets([], null);
        var rotated = current with { Outbound = newSecret, PreviousOutbound = current.Outbound };
        await SaveSecretsAsync(merchantId, rotated, ct).ConfigureAwait(false);
        return rotated;
    }

    public void Forget(string merchantId) => _cache.Remove(merchantId);

    public void Dispose() => _cache.Dispose();

    internal static bool IsMissing(RequestFailedException ex) => ex.Status == 404;

    private sealed record CachedMerchant(Merchant? Merchant, WebhookSecrets? Secrets, DateTimeOffset At);
}
