using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Security.KeyVault.Secrets;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Infra.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class WebhookSecretVaultTests(AzuriteFixture azurite)
{
    private static Merchant Shop(string id) => new(id, "Shop", "EUR", "Europe/Berlin", DeadlinePolicy.Default, Tariff.Default, null);

    [Fact]
    public async Task With_key_vault_the_secrets_live_only_in_the_vault_and_rotation_keeps_two_valid()
    {
        var clients = await azurite.NewStorageAsync();
        var vault = new FakeSecretClient();
        var store = new MerchantStore(clients, TimeProvider.System, new KeyVaultWebhookSecretVault(vault));

        Assert.True(await store.CreateAsync(Shop("kv-shop"), new WebhookSecrets(["whsec_b25l"], "whsec_b3V0")));
        await store.RotateInboundSecretAsync("kv-shop", "whsec_dHdv");

        var secrets = (await store.FindForWebhookAsync("kv-shop")).Secrets;
        Assert.Equal(["whsec_dHdv", "whsec_b25l"], secrets!.Inbound);
        Assert.Equal("whsec_b3V0", secrets.Outbound);
        Assert.Equal(2, vault.Versions["merchant-kv-shop-webhooks"].Count);
        Assert.Equal("application/json", vault.ContentTypes["merchant-kv-shop-webhooks"]);

        var rows = new List<TableEntity>();
        await foreach (var row in clients.Table(TableNames.Merchants).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        var merchant = Assert.Single(rows);
        Assert.DoesNotContain("whsec_", string.Join(" ", merchant.Select(p => p.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_without_a_vault_secret_has_no_secrets_and_so_no_webhook_passes()
    {
        var vault = new KeyVaultWebhookSecretVault(new FakeSecretClient());

        Assert.Null(await vault.GetAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Without_key_vault_the_table_vault_keeps_the_same_json()
    {
        var clients = await azurite.NewStorageAsync();
        var store = new MerchantStore(clients, TimeProvider.System);
        await store.CreateAsync(Shop("table-shop"), new WebhookSecrets(["whsec_b25l"], null));

        Assert.Equal(["whsec_b25l"], (await new TableWebhookSecretVault(clients).GetAsync("table-shop", CancellationToken.None))!.Inbound);
    }

    /// <summary>Key Vault's client as a test double: SecretClient's operations are virtual for this purpose.</summary>
    private sealed class FakeSecretClient : SecretClient
    {
        public Dictionary<string, List<string>> Versions { get; } = [];

        public Dictionary<string, string?> ContentTypes { get; } = [];

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
            Versions.TryGetValue(name, out var values)
                ? Task.FromResult(Response.FromValue(new KeyVaultSecret(name, values[^1]), new StubResponse(200)))
                : throw new RequestFailedException(404, "SecretNotFound");

        public override Task<Response<KeyVaultSecret>> SetSecretAsync(KeyVaultSecret secret, CancellationToken cancellationToken = default)
        {
            (Versions.TryGetValue(secret.Name, out var values) ? values : Versions[secret.Name] = []).Add(secret.Value);
            ContentTypes[secret.Name] = secret.Properties.ContentType;
            return Task.FromResult(Response.FromValue(secret, new StubResponse(200)));
        }
    }

    private sealed class StubResponse(int status) : Response
    {
        public override int Status => status;

        public override string ReasonPhrase => string.Empty;

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = string.Empty;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}
