using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Backoffice.Infra.Engine;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backoffice.Infra;

/// <summary>The one composition both hosts call: storage adapters and the order processor.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddBackofficeStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(storage);
        services.AddSingleton<StorageClients>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<WorkQueueIndex>();
        services.AddSingleton<MerchantOrderIndex>();
        services.AddSingleton<CashLedgerWriter>();
        services.AddWebhookSecretVault(configuration, storage);
        services.AddSingleton<MerchantStore>();
        services.AddSingleton<EffectDispatcher>();
        services.AddSingleton<OrderProcessor>();
        return services;
    }

    /// <summary>
    /// Key Vault when <c>KeyVault:VaultUri</c> is set (Azure: bicep sets it, with the app's managed identity), else the
    /// table vault (local host, tests).
    /// </summary>
    private static void AddWebhookSecretVault(this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        if (configuration["KeyVault:VaultUri"] is { Length: > 0 } vaultUri)
        {
            TokenCredential credential = string.IsNullOrWhiteSpace(storage.ManagedIdentityClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(storage.ManagedIdentityClientId));
            services.AddSingleton(new SecretClient(new Uri(vaultUri), credential));
            services.AddSingleton<IWebhookSecretVault, KeyVaultWebhookSecretVault>();
        }
        else
        {
            services.AddSingleton<IWebhookSecretVault, TableWebhookSecretVault>();
        }
    }

    /// <summary>
    /// The local host's background work: the order engine (Durable Task worker and client over the in-process sidecar),
    /// the status-webhook pump and the scheduled jobs. <c>Runner:Enabled=false</c> keeps the pump and the jobs off (tests
    /// drive them); <c>OrderEngine:Enabled=false</c> keeps the engine off.
    /// </summary>
    public static IServiceCollection AddLocalRunner(this IServiceCollection services, IConfiguration configuration)
    {
        var runner = configuration.GetSection(RunnerOptions.Section).Get<RunnerOptions>() ?? new RunnerOptions();
        services.AddSingleton(runner);
        services.AddLocalOrderEngine(configuration);
        services.AddSingleton<Jobs.ScheduledJobRunner>();
        services.AddStatusDelivery(configuration);
        services.AddSingleton<StatusPump>();
        if (runner.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<Jobs.ScheduledJobRunner>());
            services.AddHostedService(sp => sp.GetRequiredService<StatusPump>());
        }

        return services;
    }
}
