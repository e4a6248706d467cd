using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Storage;

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
/// </summary>
public sealed class MerchantStore(StorageClients clients, TimeProvider clock, IWebhookSecretVault? vault = null)
{
    private const string MerchantPartition = "merchant";
    private readonly IWebhookSecretVault _vault = vault ?? new TableWebhookSecretVault(clients);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Merchant? Merchant, WebhookSecrets? Secrets, DateTimeOffset At)> _cache = new();

    private TableClient Table => clients.Table(TableNames.Merchants);

    public async Task<(Merchant? Merchant, WebhookSecrets? Secrets)> FindForWebhookAsync(string merchantId, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(merchantId, out var hit) && clock.GetUtcNow() - hit.At < CacheFor)
        {
            return (hit.Merchant, hit.Secrets);
        }

        var merchant = await FindAsync(merchantId, ct).ConfigureAwait(false);
        var secrets = merchant is null ? null : await SecretsAsync(merchantId, ct).ConfigureAwait(false);
        _cache[merchantId] = (merchant, secrets, clock.GetUtcNow());
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
        _cache.TryRemove(merchant.MerchantId, out _);
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
        _cache.TryRemove(merchantId, out _);
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

    public void Forget(string merchantId) => _cache.TryRemove(merchantId, out _);

    internal static bool IsMissing(RequestFailedException ex) => ex.Status == 404;
}
