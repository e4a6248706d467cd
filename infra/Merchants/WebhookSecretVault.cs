using Azure;
using Azure.Data.Tables;
using Azure.Security.KeyVault.Secrets;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Merchants;

/// <summary>Where merchants' webhook signing secrets live: Key Vault in Azure, a table row locally.</summary>
public interface IWebhookSecretVault
{
    Task<WebhookSecrets?> GetAsync(string merchantId, CancellationToken ct);

    Task SaveAsync(string merchantId, WebhookSecrets secrets, CancellationToken ct);
}

/// <summary>The local (and test) vault: a row in the Merchants table, partition "secret".</summary>
public sealed class TableWebhookSecretVault(StorageClients clients) : IWebhookSecretVault
{
    private const string SecretPartition = "secret";

    private TableClient Table => clients.Table(TableNames.Merchants);

    public async Task<WebhookSecrets?> GetAsync(string merchantId, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(SecretPartition, merchantId, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? Json.Deserialize<WebhookSecrets>(e.GetString("Body")) : null;
    }

    public Task SaveAsync(string merchantId, WebhookSecrets secrets, CancellationToken ct) =>
        Table.UpsertEntityAsync(new TableEntity(SecretPartition, merchantId) { ["Body"] = Json.Serialize(secrets) }, TableUpdateMode.Replace, ct);
}

/// <summary>
/// The Azure vault: one Key Vault secret per merchant (<see cref="SecretName"/>), its value the JSON of
/// <see cref="WebhookSecrets"/>. The Function App's identity holds Key Vault Secrets User, and Secrets Officer for the
/// writes that creating a merchant and rotating its secret make (bicep/modules/keyvault.bicep). Every save is a new
/// secret version, so Key Vault keeps the audit trail of rotations.
/// </summary>
public sealed class KeyVaultWebhookSecretVault(SecretClient client) : IWebhookSecretVault
{
    /// <summary>Key Vault names allow letters, digits and dashes: merchant ids are a subset (MerchantIds.IsValid).</summary>
    public static string SecretName(string merchantId) => $"merchant-{merchantId}-webhooks";

    public async Task<WebhookSecrets?> GetAsync(string merchantId, CancellationToken ct)
    {
        try
        {
            var secret = await client.GetSecretAsync(SecretName(merchantId), version: null, ct).ConfigureAwait(false);
            return Json.Deserialize<WebhookSecrets>(secret.Value.Value);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task SaveAsync(string merchantId, WebhookSecrets secrets, CancellationToken ct) =>
        client.SetSecretAsync(new KeyVaultSecret(SecretName(merchantId), Json.Serialize(secrets)) { Properties = { ContentType = "application/json" } }, ct);
}
